package com.aiplatform.knowledge.search;

import java.util.List;

public record SearchResult(String query, SearchMode mode, List<SearchHit> results) {
}
