package com.aiplatform.shared.vector;

import com.aiplatform.shared.identity.TenantId;

import java.util.Map;
import java.util.Objects;

/**
 * One search over one tenant's records. {@link Mode#DENSE} ranks by vector similarity,
 * {@link Mode#KEYWORD} by BM25 over the text. {@code filter} keeps only records whose metadata has
 * every given key with the given value.
 */
public record VectorQuery(TenantId tenant, Mode mode, float[] vector, String text, int topK,
                          Map<String, String> filter) {

    public enum Mode { DENSE, KEYWORD }

    public VectorQuery {
        Objects.requireNonNull(tenant, "a query without a tenant is refused");
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.DENSE && vector == null) {
            throw new IllegalArgumentException("A dense query needs a vector");
        }
        if (mode == Mode.KEYWORD && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("A keyword query needs text");
        }
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK must be between 1 and 1000");
        }
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }

    public static VectorQuery dense(TenantId tenant, float[] vector, int topK, Map<String, String> filter) {
        return new VectorQuery(tenant, Mode.DENSE, vector, null, topK, filter);
    }

    public static VectorQuery keyword(TenantId tenant, String text, int topK, Map<String, String> filter) {
        return new VectorQuery(tenant, Mode.KEYWORD, null, text, topK, filter);
    }
}
