package com.aiplatform.shared.vector;

import java.util.Map;

/** A search hit, best first; {@code score} is comparable only within one result list. */
public record VectorMatch(String id, String documentId, String text, double score, Map<String, String> metadata) {
}
