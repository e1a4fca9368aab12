package com.aiplatform.research.work;

import com.aiplatform.research.planning.ModelGate;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What research adds to {@link BudgetedChat}, which makes every model call of every app (the platform budget's
 * reservation, the call, the usage record, the settlement): the task's own ledger and its {@code maxCostUsd} cap.
 * Before a call its most expensive outcome is reserved on the ledger (refused, and the task stopped as
 * {@code budget_exceeded}, if that would pass the cap); a refusal of the platform's budget stops the task the same
 * way. The ids of a call are derived from the task and its ledger entry, so a redelivered message reserves and
 * records once, and can account again for a stored step whose worker stopped before its accounting finished.
 */
public final class ModelCalls {

    static final String APP = "research";

    private final BudgetedChat chat;
    private final TaskRepository tasks;
    private final Checkpoint checkpoint;
    private final Clock clock;

    public ModelCalls(BudgetedChat chat, TaskRepository tasks, Checkpoint checkpoint, Clock clock) {
        this.chat = chat;
        this.tasks = tasks;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    public String modelName() {
        return chat.modelName();
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
        BudgetedChat.Priced priced = chat.price(request);
        Optional<Task> seen = reserve(task, ledgerKey, operation, priced.estimateUsd());
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        BudgetedChat.Result result;
        try {
            result = chat.start(context(task), operation, priced, ids(key, ledgerKey));
        } catch (BudgetExceededException refused) {
            stop(key, ledgerKey, refused);
            return Optional.empty();
        } catch (RuntimeException e) {
            var nothing = new Settlement(ledgerKey, BigDecimal.ZERO, 0, 0); // a failed call is not billed
            tasks.update(key, t -> nothing.applyTo(t, clock.instant()));
            throw e;
        }
        modelNanos.addAndGet(result.modelNanos());
        Usage usage = result.response().usage();
        return Optional.of(new Result(result.response(), new Settlement(ledgerKey, result.usage().costUsd(),
                usage.inputTokens(), usage.outputTokens()), seen.get(), result.accounted()));
    }

    /**
     * Accounts again for a call whose result is already stored (a redelivered message), in case the worker that
     * made it stopped before its usage record was sent or its budget settled. Made twice, they count once.
     */
    public void reaccount(Task task, String ledgerKey, String operation, long inputTokens, long outputTokens) {
        Await.result(chat.account(context(task), operation, new Usage(chat.modelName(), inputTokens, outputTokens),
                ids(task.key(), ledgerKey)));
    }

    /** The task's owner, on whose behalf every call of the task is made and billed. */
    static Caller owner(Task task) {
        return task.owner().caller(task.key().tenant());
    }

    /** The reservation and usage record ids of a task's call: the same for every delivery of its message. */
    public static BudgetedChat.CallIds ids(TaskKey key, String ledgerKey) {
        return BudgetedChat.CallIds.derive(APP, key.tenant().value(), key.id(), ledgerKey);
    }

    private static CallContext context(Task task) {
        return new CallContext(owner(task), APP, task.key().id(), task.traceparent());
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

    /** The platform refused the money: the ledger's reservation is released and the task stops as budget_exceeded. */
    private void stop(TaskKey key, String ledgerKey, BudgetExceededException refused) {
        var nothing = new Settlement(ledgerKey, BigDecimal.ZERO, 0, 0);
        tasks.update(key, t -> {
            nothing.applyTo(t, clock.instant());
            if (!t.status().terminal()) {
                t.transition(TaskStatus.BUDGET_EXCEEDED, refused.problem().detail(), clock.instant());
            }
            return true;
        });
    }
}
