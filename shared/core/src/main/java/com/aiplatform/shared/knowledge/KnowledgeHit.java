package com.aiplatform.shared.knowledge;

/** One chunk returned by the knowledge app's search, with what a citation needs. */
public record KnowledgeHit(String chunkId, String documentId, String title, int chunkIndex, String text,
                           double score, String source) {
}
