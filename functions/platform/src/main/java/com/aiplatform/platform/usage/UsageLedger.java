package com.aiplatform.platform.usage;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.usage.UsageRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage and cost ledger: one row per usage record, in the record's tenant partition, keyed by the
 * record's id. A redelivered record is written again over itself, so the ledger counts it once.
 */
public final class UsageLedger {

    private final TableStore tables;
    private final String table;

    public UsageLedger(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    public void write(UsageRecord record) {
        if (record.id() == null || record.id().isBlank() || record.time() == null) {
            throw ProblemException.badRequest("A usage record needs an id and a time");
        }
        TenantId tenant = TenantId.of(record.tenantId());
        Map<String, Object> properties = new HashMap<>();
        properties.put("time", record.time());
        put(properties, "consumerId", record.consumerId());
        put(properties, "app", record.app());
        put(properties, "operation", record.operation());
        put(properties, "model", record.model());
        put(properties, "traceId", record.traceId());
        put(properties, "correlationId", record.correlationId());
        properties.put("inputTokens", record.inputTokens());
        properties.put("outputTokens", record.outputTokens());
        properties.put("costUsd", (record.costUsd() == null ? BigDecimal.ZERO : record.costUsd()).toPlainString());
        tables.upsert(table, TableEntity.of(tenant.value(), record.id(), properties));
    }

    /** Every record of a tenant in [from, to). */
    public List<UsageRecord> read(TenantId tenant, Instant from, Instant to) {
        return tables.list(table, tenant.value()).stream().map(e -> toRecord(tenant, e))
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to)).toList();
    }

    private static UsageRecord toRecord(TenantId tenant, TableEntity e) {
        Object time = e.properties().get("time");
        return new UsageRecord(e.rowKey(), time instanceof Instant i ? i : Instant.parse(time.toString()), tenant.value(),
                e.string("consumerId").orElse(null), e.string("app").orElse(null), e.string("operation").orElse(null),
                e.string("model").orElse(null), e.longValue("inputTokens", 0), e.longValue("outputTokens", 0),
                new BigDecimal(e.string("costUsd").orElse("0")), e.string("traceId").orElse(null),
                e.string("correlationId").orElse(null));
    }

    private static void put(Map<String, Object> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
