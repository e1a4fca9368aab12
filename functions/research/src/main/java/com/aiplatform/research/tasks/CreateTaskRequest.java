package com.aiplatform.research.tasks;

import java.math.BigDecimal;

/** The body of {@code POST /api/v1/research/tasks}; absent limits take the app's defaults. */
public record CreateTaskRequest(String question, Integer maxSubquestions, BigDecimal maxCostUsd,
                                Integer maxDurationSeconds) {
}
