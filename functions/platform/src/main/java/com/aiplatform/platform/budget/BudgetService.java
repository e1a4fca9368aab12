package com.aiplatform.platform.budget;

import com.aiplatform.platform.access.Access;
import com.aiplatform.platform.consumers.ConsumerIds;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.ReservationIds;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableEntity;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Money budgets per consumer and per tenant. A reservation is applied to the consumer's budget, then
 * to the tenant's; if the second refuses, the first is given back. Each step is atomic on its own row,
 * so neither budget is ever passed. A reservation is recorded by id, so a repeated reserve or settle
 * does nothing twice. A process that dies between the steps leaves an amount reserved until the
 * period ends: the error is always on the side of the budget.
 */
public final class BudgetService {

    public static final String CONSUMER = "consumer";
    public static final String TENANT = "tenant";

    private final BudgetRepository budgets;
    private final Clock clock;

    public BudgetService(com.aiplatform.shared.table.TableStore tables, String table, Clock clock) {
        this.budgets = new BudgetRepository(tables, table, clock);
        this.clock = clock;
    }

    public BudgetView set(Caller caller, String tenantId, String scope, String subjectId, BudgetLimit limit) {
        TenantId tenant = Access.tenantFor(caller, tenantId);
        checkSubject(tenant, scope, subjectId);
        if (limit == null || limit.limitUsd() == null || limit.limitUsd().signum() < 0) {
            throw ProblemException.validation("The budget is not valid", List.of("limitUsd must be zero or more"));
        }
        BudgetPeriod period = period(limit.period());
        long limitMicros = Micros.of(limit.limitUsd());
        while (true) {
            Optional<BudgetState> current = budgets.get(tenant.value(), scope, subjectId);
            BudgetState next = current.map(b -> new BudgetState(scope, subjectId, period, limitMicros, b.periodKey(),
                            b.spentMicros(), b.reservedMicros(), b.etag()))
                    .orElseGet(() -> new BudgetState(scope, subjectId, period, limitMicros, "", 0, 0, null))
                    .at(clock.instant());
            try {
                budgets.put(tenant.value(), next);
                return BudgetView.of(tenant.value(), next);
            } catch (ConcurrencyException e) {
                // a reservation changed it meanwhile: apply the limit to the new counters
            }
        }
    }

    public BudgetView get(Caller caller, String tenantId, String scope, String subjectId) {
        boolean ownConsumerBudget = CONSUMER.equals(scope) && caller.consumerId().equals(subjectId)
                && (tenantId == null || tenantId.equals(caller.tenant().value()));
        TenantId tenant = ownConsumerBudget ? caller.tenant()
                : Access.tenantOwning(caller, tenantId, "Budget", scope + "/" + subjectId);
        checkSubject(tenant, scope, subjectId);
        return budgets.get(tenant.value(), scope, subjectId).map(b -> BudgetView.of(tenant.value(), b))
                .orElseThrow(() -> ProblemException.notFound("Budget", scope + "/" + subjectId));
    }

    /** @throws BudgetExceededException when the estimate would pass the consumer's or the tenant's budget */
    public ReservationResult reserve(Caller caller, ReservationRequest request) {
        if (request == null || request.reservationId() == null || !ReservationIds.valid(request.reservationId())
                || request.estimatedUsd() == null || request.estimatedUsd().signum() < 0) {
            throw ProblemException.validation("The reservation is not valid",
                    List.of("reservationId must be 1-64 letters, digits or hyphens; estimatedUsd zero or more"));
        }
        long amount = Micros.of(request.estimatedUsd()); // out of range is a 400 even for a repeat
        String tenant = caller.tenant().value();
        Optional<TableEntity> existing = budgets.reservation(tenant, request.reservationId());
        if (existing.isPresent()) {
            return result(existing.get(), remaining(caller));
        }
        List<String> applied = new ArrayList<>();
        BigDecimal remaining = null;
        for (String[] budget : List.of(new String[] {CONSUMER, caller.consumerId()}, new String[] {TENANT, tenant})) {
            Optional<BudgetState> after;
            try {
                after = budgets.update(tenant, budget[0], budget[1], b -> {
                    if (b.remainingMicros() < amount) {
                        throw new BudgetExceededException(budget[0], Micros.usd(b.remainingMicros()), request.estimatedUsd());
                    }
                    return b.withCounters(b.spentMicros(), b.reservedMicros() + amount);
                });
            } catch (BudgetExceededException e) {
                release(tenant, applied, amount, 0);
                throw e;
            }
            if (after.isPresent()) {
                applied.add(budget[0] + "|" + budget[1] + "|" + after.get().periodKey());
                BigDecimal left = Micros.usd(after.get().remainingMicros());
                remaining = remaining == null || left.compareTo(remaining) < 0 ? left : remaining;
            }
        }
        TableEntity reservation = TableEntity.of(tenant, "reservation|" + request.reservationId(), Map.of(
                "consumerId", caller.consumerId(), "amountMicros", amount, "applied", String.join(",", applied),
                "status", "held"));
        try {
            budgets.insertReservation(reservation);
        } catch (ConcurrencyException duplicate) {
            release(tenant, applied, amount, 0);
            return result(budgets.reservation(tenant, request.reservationId()).orElseThrow(), remaining(caller));
        }
        return new ReservationResult(request.reservationId(), Micros.usd(amount), remaining);
    }

    /** Settles a held reservation at its actual cost; a second settle of the same reservation does nothing. */
    public ReservationResult settle(Caller caller, String reservationId, SettleRequest request) {
        if (request == null || request.actualUsd() == null || request.actualUsd().signum() < 0) {
            throw ProblemException.validation("The settlement is not valid", List.of("actualUsd must be zero or more"));
        }
        if (!ReservationIds.valid(reservationId)) {
            throw ProblemException.validation("The reservation id is not valid",
                    List.of("reservationId must be 1-64 letters, digits or hyphens"));
        }
        String tenant = caller.tenant().value();
        long actual = Micros.of(request.actualUsd());
        while (true) {
            TableEntity held = budgets.reservation(tenant, reservationId)
                    .orElseThrow(() -> ProblemException.notFound("Reservation", reservationId));
            if (!"held".equals(held.string("status").orElse(""))) {
                return result(held, remaining(caller));
            }
            Map<String, Object> settled = new java.util.HashMap<>(held.properties());
            settled.put("status", "settled");
            settled.put("settledMicros", actual);
            try {
                budgets.replaceReservation(held.withProperties(settled));
            } catch (ConcurrencyException e) {
                continue;
            }
            List<String> applied = List.of(held.string("applied").orElse("").split(",")).stream()
                    .filter(s -> !s.isBlank()).toList();
            release(tenant, applied, held.longValue("amountMicros", 0), actual);
            return new ReservationResult(reservationId, Micros.usd(actual), remaining(caller));
        }
    }

    /** Takes a reservation off each budget it was applied to and books {@code spent} instead. */
    private void release(String tenant, List<String> applied, long amount, long spent) {
        for (String entry : applied) {
            String[] parts = entry.split("\\|", 3);
            budgets.update(tenant, parts[0], parts[1], b -> b.periodKey().equals(parts[2])
                    ? b.withCounters(b.spentMicros() + spent, Math.max(0, b.reservedMicros() - amount))
                    : b.withCounters(b.spentMicros() + spent, b.reservedMicros()));
        }
    }

    private BigDecimal remaining(Caller caller) {
        String tenant = caller.tenant().value();
        Optional<Long> consumer = budgets.get(tenant, CONSUMER, caller.consumerId()).map(BudgetState::remainingMicros);
        Optional<Long> whole = budgets.get(tenant, TENANT, tenant).map(BudgetState::remainingMicros);
        return consumer.or(() -> whole).map(c -> Micros.usd(whole.map(w -> Math.min(w, c)).orElse(c))).orElse(null);
    }

    private static ReservationResult result(TableEntity reservation, BigDecimal remaining) {
        return new ReservationResult(reservation.rowKey().substring("reservation|".length()),
                Micros.usd(reservation.longValue("amountMicros", 0)), remaining);
    }

    private static void checkSubject(TenantId tenant, String scope, String subjectId) {
        if (!CONSUMER.equals(scope) && !TENANT.equals(scope)) {
            throw ProblemException.notFound("Budget scope", scope);
        }
        if (CONSUMER.equals(scope)) {
            ConsumerIds.require(subjectId);
        }
        if (TENANT.equals(scope) && !tenant.value().equals(subjectId)) {
            throw ProblemException.notFound("Budget", scope + "/" + subjectId);
        }
    }

    private static BudgetPeriod period(String name) {
        try {
            return name == null ? BudgetPeriod.MONTH : BudgetPeriod.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("The budget is not valid", List.of("period must be day or month"));
        }
    }
}
