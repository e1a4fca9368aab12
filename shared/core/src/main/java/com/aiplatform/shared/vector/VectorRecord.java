package com.aiplatform.shared.vector;

import com.aiplatform.shared.identity.TenantId;

import java.util.Map;
import java.util.Objects;

/**
 * One indexed chunk: its dense vector, its text (for keyword search and for display), the document it
 * belongs to and filterable metadata. {@code id} is unique within the tenant; upserting it again replaces it.
 */
public record VectorRecord(TenantId tenant, String id, String documentId, String text, float[] vector,
                           Map<String, String> metadata) {

    public VectorRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
