package com.aiplatform.shared.vector;

import com.aiplatform.shared.identity.TenantId;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One search over one tenant's records, on behalf of a caller who holds {@code principals}
 * ({@link com.aiplatform.shared.identity.Caller#principals()}): only records whose readers include one of them
 * are returned, so a query without principals finds nothing. {@link Mode#DENSE} ranks by vector similarity,
 * {@link Mode#KEYWORD} by BM25 over the text. {@code filter} keeps only records whose metadata has
 * every given key with the given value.
 */
public record VectorQuery(TenantId tenant, Set<String> principals, Mode mode, float[] vector, String text, int topK,
                          Map<String, String> filter) {

    public enum Mode { DENSE, KEYWORD }

    public VectorQuery {
        Objects.requireNonNull(tenant, "a query without a tenant is refused");
        Objects.requireNonNull(principals, "a query without the caller's principals is refused");
        principals = Set.copyOf(principals);
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

    public static VectorQuery dense(TenantId tenant, Set<String> principals, float[] vector, int topK,
                                    Map<String, String> filter) {
        return new VectorQuery(tenant, principals, Mode.DENSE, vector, null, topK, filter);
    }

    public static VectorQuery keyword(TenantId tenant, Set<String> principals, String text, int topK,
                                      Map<String, String> filter) {
        return new VectorQuery(tenant, principals, Mode.KEYWORD, null, text, topK, filter);
    }
}
