package com.aiplatform.platform.budget;

import java.math.BigDecimal;

/** A budget as the API shows it. */
public record BudgetView(String tenantId, String scope, String subjectId, String period, String periodKey,
                         BigDecimal limitUsd, BigDecimal spentUsd, BigDecimal reservedUsd, BigDecimal remainingUsd) {

    static BudgetView of(String tenantId, BudgetState state) {
        return new BudgetView(tenantId, state.scope(), state.subjectId(), state.period().name().toLowerCase(java.util.Locale.ROOT),
                state.periodKey(), Micros.usd(state.limitMicros()), Micros.usd(state.spentMicros()),
                Micros.usd(state.reservedMicros()), Micros.usd(state.remainingMicros()));
    }
}
