package com.aiplatform.research;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.budget.ReservationIds;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.problem.ProblemException;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's tenant budget in memory: reservations idempotent by id, refused past the limit, settled
 * to the actual cost. Unlimited until a test sets a limit. Ids outside the API's rule are refused as the real API does.
 */
public final class FakeBudget implements Budget {

    private final Map<String, BigDecimal> held = new ConcurrentHashMap<>();
    private volatile BigDecimal limit;
    private final java.util.concurrent.atomic.AtomicInteger unavailable = new java.util.concurrent.atomic.AtomicInteger();

    public void limit(BigDecimal usd) {
        this.limit = usd;
    }

    /** The next {@code times} reservations fail as the real adapter does when the platform cannot be reached. */
    public void unavailable(int times) {
        unavailable.set(times);
    }

    public synchronized BigDecimal committed() {
        return held.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public int reservations() {
        return held.size();
    }

    @Override
    public synchronized Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
        if (!ReservationIds.valid(reservationId)) {
            throw new IllegalArgumentException("The platform's budget API refuses reservation id " + reservationId);
        }
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ProblemException.unavailable("The platform's budget API cannot be reached", null);
        }
        if (held.containsKey(reservationId)) {
            return new Reservation(reservationId, held.get(reservationId), Optional.empty());
        }
        if (limit != null && committed().add(estimatedUsd).compareTo(limit) > 0) {
            throw new BudgetExceededException("tenant", limit.subtract(committed()), estimatedUsd);
        }
        held.put(reservationId, estimatedUsd);
        return new Reservation(reservationId, estimatedUsd, Optional.empty());
    }

    @Override
    public synchronized void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
        held.computeIfPresent(reservation.id(), (id, reserved) -> actualUsd);
    }
}
