package com.aiplatform.research.tasks;

import java.math.BigDecimal;

/** What the client allowed the task: sub-questions, spending and time. */
public record TaskLimits(int maxSubquestions, BigDecimal maxCostUsd, int maxDurationSeconds) {
}
