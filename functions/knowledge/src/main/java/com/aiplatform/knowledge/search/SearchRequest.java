package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.documents.DocumentMetadata;
import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/knowledge/search}: a query, how many results, which retrieval, metadata filter. */
public record SearchRequest(String query, Integer topK, SearchMode mode, Map<String, String> filter) {

    public static final int MAX_QUERY_LENGTH = 2000;
    public static final int MAX_TOP_K = 100;

    public SearchRequest {
        List<String> errors = new ArrayList<>();
        if (query == null || query.isBlank()) {
            errors.add("query must be a non-empty string");
        } else if (query.length() > MAX_QUERY_LENGTH) {
            errors.add("query must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (topK != null && (topK < 1 || topK > MAX_TOP_K)) {
            errors.add("topK must be between 1 and " + MAX_TOP_K);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The search request is not valid", errors);
        }
        topK = topK == null ? 5 : topK;
        mode = mode == null ? SearchMode.HYBRID : mode;
        filter = filter == null ? Map.of() : Map.copyOf(filter);
        DocumentMetadata.validateFilter(filter);
    }
}
