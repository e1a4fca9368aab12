package com.aiplatform.knowledge.search;

/** One retrieved chunk with its fused score, the scores of each retriever, and where it comes from. */
public record SearchHit(String chunkId, String documentId, String title, int chunkIndex, long version, String text,
                        double score, Double denseScore, Double keywordScore, String source) {
}
