package com.aiplatform.knowledge.search;

import java.util.List;

/**
 * A grounded answer. {@code generator} says what wrote it: {@code model} or {@code extractive-offline}
 * (sentences selected from the sources, no language model involved). {@code answerable} is false when no
 * claim of the answer is supported by the passage it cites; the answer then says so, cites nothing, and
 * {@code suggestions} lists the closest sources. {@code standaloneQuestion} is the question as searched: a
 * follow-up carries the words of the earlier turn it leans on. {@code support} gives the citation check's figures.
 */
public record Answer(String question, String standaloneQuestion, String answer, boolean answerable, List<Citation> citations,
                     List<Suggestion> suggestions, Support support, String generator, String model, Usage usage) {

    /** A numbered source the answer cites. */
    public record Citation(int number, String documentId, String title, String chunkId, String excerpt, String source) {
    }

    /** A retrieved source offered when the answer abstains. */
    public record Suggestion(String documentId, String title, String chunkId, String excerpt, String source, double score) {
    }

    /**
     * How many claims the generator wrote, how many its cited passages support, each claim's scores, and the model
     * judge: {@code model} when it gave every verdict, {@code unavailable} when it was asked and failed, absent
     * when it is off or the answer is extractive.
     */
    public record Support(int claims, int supported, int dropped, double rate, List<AnswerCheck.Claim> checks,
                          String judge) {
    }

    public record Usage(long inputTokens, long outputTokens, java.math.BigDecimal costUsd) {
    }
}
