package com.aiplatform.knowledge.search;

import java.util.List;

/**
 * A grounded answer. {@code generator} says what wrote it: {@code model} or {@code extractive-offline}
 * (sentences selected from the sources, no language model involved).
 */
public record Answer(String question, String answer, List<Citation> citations, String generator, String model,
                     Usage usage) {

    /** A numbered source the answer cites. */
    public record Citation(int number, String documentId, String title, String chunkId, String excerpt, String source) {
    }

    public record Usage(long inputTokens, long outputTokens, java.math.BigDecimal costUsd) {
    }
}
