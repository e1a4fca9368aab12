package com.aiplatform.llm.cache;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Cached chat answers in the app's own table: the tenant is the partition key (an entry is never read across
 * tenants), the {@link ChatCacheKey} the row key, the answer as JSON with the instant it expires, checked on read.
 * Answers longer than {@code maxAnswerChars} are not cached (a table property holds at most 32K characters).
 */
public final class TableResponseCache {

    public static final String TABLE = "llmcache";
    /** Below the 32K UTF-16 characters a Table storage string property holds. */
    public static final int MAX_ANSWER_CHARS = 30_000;

    private final TableStore tables;
    private final Duration ttl;
    private final Clock clock;
    private final int maxAnswerChars;

    public TableResponseCache(TableStore tables, Duration ttl, Clock clock, int maxAnswerChars) {
        this.tables = tables;
        this.ttl = ttl;
        this.clock = clock;
        this.maxAnswerChars = maxAnswerChars;
    }

    public Optional<ChatResponse> get(TenantId tenant, String key) {
        Optional<TableEntity> entity = tables.get(TABLE, tenant.value(), key);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochMilli(entity.get().longValue("expiresAtMillis", 0));
        if (!clock.instant().isBefore(expires)) {
            tables.delete(TABLE, tenant.value(), key);
            return Optional.empty();
        }
        return entity.get().string("answer").map(json -> Json.read(json, ChatResponse.class));
    }

    /** Stores the answer unless it is too long; returns whether it was stored. */
    public boolean put(TenantId tenant, String key, ChatResponse response) {
        String json = Json.write(response);
        if (json.length() > maxAnswerChars) {
            return false;
        }
        tables.upsert(TABLE, TableEntity.of(tenant.value(), key, Map.of("answer", json,
                "expiresAtMillis", clock.instant().plus(ttl).toEpochMilli())));
        return true;
    }
}
