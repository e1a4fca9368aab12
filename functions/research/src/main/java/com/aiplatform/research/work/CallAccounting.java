package com.aiplatform.research.work;

import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.budget.ReservationIds;
import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What follows a model call of a task: its usage record (to the platform's ledger, through the usage queue) and
 * the settlement of its platform budget reservation. Both run side by side on {@code io}, beside the worker's
 * next writes, and both are idempotent: the record's id and the reservation's are made from the task and its
 * ledger entry. So a worker that finds a call's result already stored can make them again ({@link #again}), in
 * case the worker before it stopped first; made twice, they count once.
 */
final class CallAccounting {

    static final String APP = "research";

    private final UsageMeter meter;
    private final Budget budget;
    private final Executor io;

    CallAccounting(UsageMeter meter, Budget budget, Executor io) {
        this.meter = meter;
        this.budget = budget;
        this.io = io;
    }

    CompletableFuture<Void> start(Task task, String ledgerKey, String operation, Usage usage, Reservation money) {
        var caller = owner(task);
        var context = new CallContext(caller, APP, task.key().id(), task.traceparent());
        BigDecimal cost = meter.prices().cost(usage);
        return CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> meter.record(context, operation, usage,
                        recordId(task.key(), ledgerKey)), io),
                CompletableFuture.runAsync(() -> budget.settle(caller, money, cost), io));
    }

    void again(Task task, String ledgerKey, String operation, Usage usage) {
        var money = new Reservation(reservationId(task.key(), ledgerKey), BigDecimal.ZERO, Optional.empty());
        Await.result(start(task, ledgerKey, operation, usage, money));
    }

    /** The task's owner, on whose behalf every call of the task is made and billed. */
    static Caller owner(Task task) {
        return new Caller(task.owner().consumerId(), task.key().tenant(), task.owner().roles());
    }

    /** A Table storage row key: no '/', '#' or '?'. */
    static String recordId(TaskKey key, String ledgerKey) {
        return APP + "-" + key.id() + "-" + ledgerKey.replace('#', '-');
    }

    /** Derived from the task and its ledger entry, in the form the platform's budget API accepts. */
    static String reservationId(TaskKey key, String ledgerKey) {
        return ReservationIds.derive(APP, key.tenant().value(), key.id(), ledgerKey);
    }
}
