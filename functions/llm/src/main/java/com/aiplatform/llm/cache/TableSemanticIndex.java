package com.aiplatform.llm.cache;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt embeddings of cached answers, beside the answers in the {@code llmcache} table: the tenant is the
 * partition key (never a candidate from another tenant), the row key {@code semantic-<parameters>-<newest first>-}
 * followed by the answer's exact key, so that a lookup is one range query over the entries with the same
 * parameters ({@link ChatCacheKey#parameters}), reading at most the {@code candidates} newest. The embedding is
 * stored as int8, one byte a dimension (each value over the largest magnitude, times 127): a quarter of float32's
 * bytes for the scan to read, and cosine similarity needs no scale since it ignores one; the rounding moves a
 * similarity by about 0.001. An entry expires with its answer ({@code ttl}), checked on read, and the expired ones a
 * lookup meets are deleted.
 */
public final class TableSemanticIndex {

    /** A cached answer whose prompt is close enough: its exact key and the cosine similarity. */
    public record Match(String key, double similarity) {
    }

    private static final String PREFIX = "semantic-";
    private static final int MAX_BATCH = 100;

    private final TableStore tables;
    private final Duration ttl;
    private final Clock clock;
    private final int candidates;

    public TableSemanticIndex(TableStore tables, Duration ttl, Clock clock, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("The semantic cache needs at least one candidate");
        }
        this.tables = tables;
        this.ttl = ttl;
        this.clock = clock;
        this.candidates = candidates;
    }

    /** The most similar live entry with these parameters whose similarity is at least {@code threshold}. */
    public Optional<Match> find(TenantId tenant, String parameters, float[] embedding, double threshold) {
        long now = clock.millis();
        Optional<Match> best = Optional.empty();
        List<TableOperation> expired = new ArrayList<>();
        for (TableEntity entry : tables.list(TableResponseCache.TABLE, tenant.value(), PREFIX + parameters + "-",
                candidates)) {
            if (entry.longValue("expiresAtMillis", 0) <= now) {
                expired.add(new TableOperation.Delete(entry.partitionKey(), entry.rowKey()));
                continue;
            }
            Object stored = entry.properties().get("embedding");
            Optional<String> key = entry.string("key");
            if (!(stored instanceof byte[] bytes) || key.isEmpty() || bytes.length != embedding.length) {
                continue;
            }
            double similarity = cosine(embedding, bytes);
            if (similarity >= threshold && (best.isEmpty() || similarity > best.get().similarity())) {
                best = Optional.of(new Match(key.get(), similarity));
            }
        }
        for (int i = 0; i < expired.size(); i += MAX_BATCH) {
            tables.transact(TableResponseCache.TABLE, expired.subList(i, Math.min(expired.size(), i + MAX_BATCH)));
        }
        return best;
    }

    /** Records the prompt embedding of the answer stored under {@code key}. */
    public void put(TenantId tenant, String parameters, String key, float[] embedding) {
        long now = clock.millis();
        String rowKey = PREFIX + parameters + "-" + "%019d".formatted(Long.MAX_VALUE - now) + "-" + key.substring(0, 16);
        tables.upsert(TableResponseCache.TABLE, TableEntity.of(tenant.value(), rowKey, Map.of("key", key,
                "embedding", int8(embedding), "expiresAtMillis", clock.instant().plus(ttl).toEpochMilli())));
    }

    static double cosine(float[] a, byte[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    static byte[] int8(float[] vector) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        byte[] bytes = new byte[vector.length];
        for (int i = 0; largest > 0 && i < vector.length; i++) {
            bytes[i] = (byte) Math.round(vector[i] / largest * 127);
        }
        return bytes;
    }
}
