package com.aiplatform.shared.vector;

import com.aiplatform.shared.identity.TenantId;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One indexed chunk: its dense vector, its text (for keyword search and for display), the document it
 * belongs to, filterable metadata and its readers: the principals ({@link com.aiplatform.shared.identity.Readers#principals()})
 * of which a query must hold one to see it. A record with no readers is never returned by any search.
 * {@code id} is unique within the tenant; upserting it again replaces it.
 */
public record VectorRecord(TenantId tenant, String id, String documentId, String text, float[] vector,
                           Map<String, String> metadata, Set<String> readers) {

    public VectorRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        readers = readers == null ? Set.of() : Set.copyOf(readers);
    }
}
