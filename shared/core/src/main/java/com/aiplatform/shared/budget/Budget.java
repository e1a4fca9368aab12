package com.aiplatform.shared.budget;

import com.aiplatform.shared.identity.Caller;

import java.math.BigDecimal;

/**
 * Money budgets in USD per consumer and per tenant, enforced across every app (the platform app owns
 * them). Before a model call the app reserves its estimated cost; afterwards it settles the actual cost,
 * which releases the rest. A reservation that would pass a budget is refused, so no budget is overspent
 * by concurrent calls: the platform updates each budget conditionally on its ETag.
 */
public interface Budget {

    /**
     * Reserves {@code estimatedUsd} against the caller's consumer and tenant budgets. Idempotent by
     * {@code reservationId}: a repeated reservation returns the first one.
     *
     * @throws BudgetExceededException (402) when the reservation would pass a budget
     */
    Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd);

    /** Settles a reservation at {@code actualUsd} (zero releases it). Idempotent; never throws for the caller's sake. */
    void settle(Caller caller, Reservation reservation, BigDecimal actualUsd);
}
