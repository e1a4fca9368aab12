package com.aiplatform.research.work;

/** Bounds on what a client may ask of a new task, and the defaults when it does not say. */
public record RequestBounds(int maxQuestionChars, int defaultSubquestions, int maxSubquestions,
                            double defaultMaxCostUsd, double maxCostUsd, int defaultMaxDurationSeconds,
                            int maxDurationSeconds) {
}
