package com.aiplatform.llm;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.identity.Caller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One USD limit for every caller, with what is reserved and settled, in memory. */
final class FakeBudget implements Budget {

    private final BigDecimal limit;
    private BigDecimal spent = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;
    final List<String> log = new ArrayList<>();

    FakeBudget(String limitUsd) {
        this.limit = new BigDecimal(limitUsd);
    }

    @Override
    public synchronized Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
        BigDecimal left = limit.subtract(spent).subtract(reserved);
        if (estimatedUsd.compareTo(left) > 0) {
            log.add("refused " + estimatedUsd.toPlainString());
            throw new BudgetExceededException("consumer", left, estimatedUsd);
        }
        reserved = reserved.add(estimatedUsd);
        log.add("reserved " + caller.consumerId());
        return new Reservation(reservationId, estimatedUsd, Optional.of(left.subtract(estimatedUsd)));
    }

    @Override
    public synchronized void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
        reserved = reserved.subtract(reservation.reservedUsd());
        spent = spent.add(actualUsd);
        log.add("settled " + actualUsd.stripTrailingZeros().toPlainString());
    }

    synchronized BigDecimal reserved() {
        return reserved;
    }

    synchronized BigDecimal spent() {
        return spent;
    }
}
