package com.aiplatform.platform.budget;

import com.aiplatform.shared.table.TableEntity;

import java.time.Instant;
import java.util.Map;

/**
 * One budget as stored: a limit per period and the current period's spent and reserved amounts.
 * Counters belong to {@code periodKey}; read in a later period they count as zero.
 */
record BudgetState(String scope, String subjectId, BudgetPeriod period, long limitMicros, String periodKey,
                   long spentMicros, long reservedMicros, String etag) {

    static String rowKey(String scope, String subjectId) {
        return "budget|" + scope + "|" + subjectId;
    }

    static BudgetState from(TableEntity entity) {
        String[] parts = entity.rowKey().split("\\|", 3);
        return new BudgetState(parts[1], parts[2], BudgetPeriod.valueOf(entity.string("period").orElse("MONTH")),
                entity.longValue("limitMicros", 0), entity.string("periodKey").orElse(""),
                entity.longValue("spentMicros", 0), entity.longValue("reservedMicros", 0), entity.etag());
    }

    /** The same budget as of {@code now}: counters reset if a new period has started. */
    BudgetState at(Instant now) {
        String current = period.keyAt(now);
        return current.equals(periodKey) ? this
                : new BudgetState(scope, subjectId, period, limitMicros, current, 0, 0, etag);
    }

    long remainingMicros() {
        return Math.max(0, limitMicros - spentMicros - reservedMicros);
    }

    BudgetState withCounters(long spent, long reserved) {
        return new BudgetState(scope, subjectId, period, limitMicros, periodKey, spent, reserved, etag);
    }

    TableEntity toEntity(String tenantId) {
        return new TableEntity(tenantId, rowKey(scope, subjectId), Map.of("period", period.name(),
                "limitMicros", limitMicros, "periodKey", periodKey, "spentMicros", spentMicros,
                "reservedMicros", reservedMicros), etag);
    }
}
