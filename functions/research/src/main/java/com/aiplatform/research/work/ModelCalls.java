package com.aiplatform.research.work;

import com.aiplatform.research.planning.ModelGate;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every model call of a task goes through here: reserve the most the call can cost on the task's ledger
 * (refused, and the task stopped as {@code budget_exceeded}, if that would pass {@code maxCostUsd}), call,
 * send a usage record linked to the task, settle the actual cost. Reservations are upper bounds (input
 * estimated generously, output at {@code maxOutputTokens}), so settled spending never passes the cap.
 */
public final class ModelCalls {

    private final LlmClient llm;
    private final UsageMeter meter;
    private final Budget budget;
    private final CallAccounting accounting;
    private final TaskRepository tasks;
    private final Checkpoint checkpoint;
    private final Clock clock;

    public ModelCalls(LlmClient llm, UsageMeter meter, Budget budget, TaskRepository tasks, Checkpoint checkpoint,
                      Executor io, Clock clock) {
        this.llm = llm;
        this.meter = meter;
        this.budget = budget;
        this.accounting = new CallAccounting(meter, budget, io);
        this.tasks = tasks;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    public String modelName() {
        return llm.modelName();
    }

    /** A gate for one call attempt, settled at once; {@code modelNanos} collects the time spent in the model. */
    public ModelGate gate(Task task, String ledgerKey, String operation, AtomicLong modelNanos) {
        return request -> call(task, ledgerKey, operation, request, modelNanos).map(result -> {
            Await.result(result.accounted());
            tasks.update(task.key(), t -> result.settlement().applyTo(t, clock.instant()));
            return result.response();
        });
    }

    /** What a call cost, to be written to the task's ledger (by the caller, with its next change of the task row). */
    public record Settlement(String ledgerKey, BigDecimal costUsd, long inputTokens, long outputTokens) {

        /** Settles the entry once; a settlement that shows the cap passed stops the task. False if already settled. */
        public boolean applyTo(Task t, Instant now) {
            if (t.ledger().settled(ledgerKey)) {
                return false;
            }
            t.ledger(t.ledger().settle(ledgerKey, costUsd, inputTokens, outputTokens), now);
            if (!t.status().terminal() && t.overBudget(BigDecimal.ZERO)) {
                t.transition(TaskStatus.BUDGET_EXCEEDED, "Spending reached maxCostUsd $"
                        + t.limits().maxCostUsd().toPlainString(), now);
            }
            return true;
        }
    }

    /**
     * A model answer, the settlement it still needs, the task row as the reservation last saw it, and the usage
     * record and budget settlement under way ({@code accounted}: wait for it before the message is done).
     */
    public record Result(ChatResponse response, Settlement settlement, Task seen, CompletableFuture<Void> accounted) {
    }

    /**
     * Reserves, calls and starts the accounting, leaving the settlement to the caller, who writes it with the step's
     * fan-in so that a step costs one write of the task row instead of two. Empty if the task stopped or the budget
     * refused.
     */
    public Optional<Result> call(Task task, String ledgerKey, String operation, ChatRequest request,
                                 AtomicLong modelNanos) {
        TaskKey key = task.key();
        BigDecimal estimate = meter.prices().cost(new Usage(llm.modelName(), estimateInputTokens(request),
                request.maxOutputTokens()));
        Optional<Task> seen = reserve(task, ledgerKey, operation, estimate);
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        var caller = CallAccounting.owner(task);
        Optional<Reservation> money = reserveMoney(caller, key, ledgerKey, estimate);
        if (money.isEmpty()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = llm.chat(request);
        } catch (RuntimeException e) {
            var nothing = new Settlement(ledgerKey, BigDecimal.ZERO, 0, 0); // a failed call is not billed
            tasks.update(key, t -> nothing.applyTo(t, clock.instant()));
            budget.settle(caller, money.get(), BigDecimal.ZERO);
            throw e;
        } finally {
            modelNanos.addAndGet(System.nanoTime() - start);
        }
        Usage usage = response.usage();
        CompletableFuture<Void> accounted = accounting.start(task, ledgerKey, operation, usage, money.get());
        return Optional.of(new Result(response, new Settlement(ledgerKey, meter.prices().cost(usage),
                usage.inputTokens(), usage.outputTokens()), seen.get(), accounted));
    }

    /**
     * Accounts again for a call whose result is already stored (a redelivered message), in case the worker that
     * made it stopped before its usage record was sent or its budget settled. Made twice, they count once.
     */
    public void reaccount(Task task, String ledgerKey, String operation, long inputTokens, long outputTokens) {
        accounting.again(task, ledgerKey, operation, new Usage(llm.modelName(), inputTokens, outputTokens));
    }

    /**
     * Reserves {@code estimate} on the ledger, or stops the task if that would pass the cap. A call that costs
     * nothing (a free model) needs no reservation: then this only checks that the task may go on. Returns the
     * task as read or written when the call may go ahead. The write is tried first on {@code lastSeen}'s ETag.
     */
    private Optional<Task> reserve(Task lastSeen, String ledgerKey, String operation, BigDecimal estimate) {
        TaskKey key = lastSeen.key();
        if (estimate.signum() == 0) {
            return checkpoint.active(key);
        }
        AtomicBoolean granted = new AtomicBoolean();
        Optional<Task> after = tasks.update(key, lastSeen, t -> {
            granted.set(false);
            if (t.status().terminal() || t.pastDeadline(clock.instant())) {
                return false;
            }
            if (t.overBudget(estimate)) {
                t.transition(TaskStatus.BUDGET_EXCEEDED, String.format("The next model call (%s, up to $%s) would pass "
                        + "maxCostUsd $%s; $%s spent so far", operation, estimate.toPlainString(),
                        t.limits().maxCostUsd().toPlainString(), t.ledger().costUsd().toPlainString()), clock.instant());
                return true;
            }
            granted.set(true);
            t.ledger(t.ledger().reserve(ledgerKey, estimate), clock.instant());
            return true;
        });
        if (!granted.get() && after.isPresent() && !after.get().status().terminal()) {
            checkpoint.expire(key);
        }
        return granted.get() ? after : Optional.empty();
    }

    /**
     * Reserves the estimate against the caller's consumer and tenant budgets (the platform app's), under an id
     * made of the task and the ledger entry so that a redelivered message reserves once. A refusal stops the
     * task as {@code budget_exceeded}, with the task ledger's reservation released.
     */
    private Optional<Reservation> reserveMoney(Caller caller, TaskKey key, String ledgerKey, BigDecimal estimate) {
        try {
            return Optional.of(budget.reserve(caller, CallAccounting.reservationId(key, ledgerKey), estimate));
        } catch (BudgetExceededException refused) {
            var nothing = new Settlement(ledgerKey, BigDecimal.ZERO, 0, 0);
            tasks.update(key, t -> {
                nothing.applyTo(t, clock.instant());
                if (!t.status().terminal()) {
                    t.transition(TaskStatus.BUDGET_EXCEEDED, refused.problem().detail(), clock.instant());
                }
                return true;
            });
            return Optional.empty();
        }
    }

    /** Generous on purpose (3 characters a token, plus framing), so that the reservation covers the real count. */
    static long estimateInputTokens(ChatRequest request) {
        long characters = 0;
        long items = 0;
        for (ChatMessage message : request.messages()) {
            characters += message.content() == null ? 0 : message.content().length();
            items++;
        }
        for (Source source : request.sources()) {
            characters += (source.reference() == null ? 0 : source.reference().length())
                    + (source.text() == null ? 0 : source.text().length());
            items++;
        }
        return characters / 3 + 8 * items + 64;
    }
}
