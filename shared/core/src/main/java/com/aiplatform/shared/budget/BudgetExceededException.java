package com.aiplatform.shared.budget;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;

import java.math.BigDecimal;
import java.util.Map;

/**
 * 402: the call would pass a money budget. The body and the {@value #REMAINING_HEADER} header carry
 * what is left, so a client can send a cheaper request (fewer max tokens) or wait for the next period.
 */
public final class BudgetExceededException extends ProblemException {

    public static final String REMAINING_HEADER = "x-aiplatform-budget-remaining-usd";

    private final BigDecimal remainingUsd;

    public BudgetExceededException(String scope, BigDecimal remainingUsd, BigDecimal requestedUsd) {
        super(Problem.of(402, "budget-exceeded", "The budget does not cover this call",
                        "The " + scope + " budget has " + remainingUsd.toPlainString() + " USD left; this call may cost up to "
                                + requestedUsd.toPlainString() + " USD")
                        .with("scope", scope).with("remainingUsd", remainingUsd).with("requestedUsd", requestedUsd),
                null, Map.of(REMAINING_HEADER, remainingUsd.toPlainString()), null);
        this.remainingUsd = remainingUsd;
    }

    public BigDecimal remainingUsd() {
        return remainingUsd;
    }
}
