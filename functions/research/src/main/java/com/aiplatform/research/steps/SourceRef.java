package com.aiplatform.research.steps;

/** A passage a finding cites: {@code number} is its [n] within the step's finding. */
public record SourceRef(int number, String documentId, String title, String chunkId, String source, String snippet) {
}
