package com.aiplatform.shared.vector;

import com.aiplatform.shared.identity.TenantId;

import java.util.List;

/**
 * Dense and keyword retrieval over chunks, always within one tenant and only among the chunks whose readers
 * meet the query's principals (Lucene on disk locally, Qdrant in Azure); a chunk without readers is returned to
 * nobody. Writes are idempotent by record id.
 */
public interface VectorStore extends AutoCloseable {

    /** Creates or replaces the records. All must have the store's vector dimensions. */
    void upsert(List<VectorRecord> records);

    List<VectorMatch> search(VectorQuery query);

    /** Removes every record of the document; succeeds if there are none. */
    void deleteDocument(TenantId tenant, String documentId);

    /**
     * Removes the document's records whose metadata has every entry of {@code metadata} (for example
     * one version of the document); succeeds if there are none. An empty map removes the whole document.
     */
    void deleteDocument(TenantId tenant, String documentId, java.util.Map<String, String> metadata);

    /** How many records the tenant has. */
    long count(TenantId tenant);

    /** Whether the store answers; the message says why not. */
    HealthStatus health();

    @Override
    void close();

    record HealthStatus(boolean up, String detail) {
    }
}
