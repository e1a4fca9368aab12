package com.aiplatform.llm.cache;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.identity.Caller;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A budget that grants every reservation and counts them, so a test sees whether a call was charged. */
public final class CountingBudget implements Budget {

    public final AtomicInteger reservations = new AtomicInteger();

    @Override
    public Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
        reservations.incrementAndGet();
        return new Reservation(reservationId, estimatedUsd, Optional.empty());
    }

    @Override
    public void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
    }
}
