package com.aiplatform.research.report;

/** A numbered source of a report: [number] in the text refers to this passage. */
public record Citation(int number, String documentId, String title, String chunkId, String source, String snippet) {
}
