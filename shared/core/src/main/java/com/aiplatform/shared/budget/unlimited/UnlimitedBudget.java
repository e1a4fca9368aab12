package com.aiplatform.shared.budget.unlimited;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.identity.Caller;

import java.math.BigDecimal;
import java.util.Optional;

/** No budget enforcement: used where no platform app is reachable (an app alone under Core Tools, unit tests). */
public final class UnlimitedBudget implements Budget {

    @Override
    public Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
        return new Reservation(reservationId, estimatedUsd, Optional.empty());
    }

    @Override
    public void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
        // nothing was held
    }
}
