package com.aiplatform.platform.budget;

import java.math.BigDecimal;

/** The body of a set-budget request: a limit in USD per {@code day} or {@code month}. */
public record BudgetLimit(BigDecimal limitUsd, String period) {
}
