package com.aiplatform.research.work;

import com.aiplatform.research.planning.Plan;
import com.aiplatform.research.planning.Planner;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles a plan message: claims the task's planning, splits the question into sub-questions, creates the
 * step rows, moves the task to {@code researching} and fans out one step message per sub-question. A
 * repeated message finds the work claimed (and is retried later) or done (and does nothing).
 */
public final class PlanWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PlanWorker.class);

    private final ResearchStores stores;
    private final Planner planner;
    private final ModelCalls models;
    private final Checkpoint checkpoint;
    private final Outbox outbox;
    private final Duration claimTimeout;
    private final Clock clock;

    public PlanWorker(ResearchStores stores, Planner planner, ModelCalls models, Checkpoint checkpoint, Outbox outbox,
                      Duration claimTimeout, Clock clock) {
        this.stores = stores;
        this.planner = planner;
        this.models = models;
        this.checkpoint = checkpoint;
        this.outbox = outbox;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    public void run(WorkMessage message) {
        TaskKey key = message.key();
        Optional<Task> active = checkpoint.active(key);
        if (active.isEmpty()) {
            return;
        }
        if (active.get().status() == TaskStatus.RESEARCHING) {
            outbox.stepsIfDue(active.get(), false);
            return;
        }
        if (active.get().status() != TaskStatus.QUEUED && active.get().status() != TaskStatus.PLANNING) {
            return;
        }
        Task claimed = claim(key);
        try {
            plan(claimed);
        } catch (RuntimeException e) {
            stores.tasks().update(key, t -> {
                t.failure("Planning failed: " + e, clock.instant());
                t.release();
                return true;
            });
            throw e;
        }
    }

    private Task claim(TaskKey key) {
        AtomicBoolean mine = new AtomicBoolean();
        Task after = stores.tasks().update(key, t -> {
            mine.set(false);
            if (t.status() == TaskStatus.QUEUED) {
                t.transition(TaskStatus.PLANNING, "Planning sub-questions", clock.instant());
            }
            if (t.status() != TaskStatus.PLANNING || !t.claim(clock.instant(), clock.instant().plus(claimTimeout))) {
                return false;
            }
            mine.set(true);
            return true;
        }).orElseThrow();
        if (!mine.get()) {
            throw new WorkInProgressException("Task " + key + " is being planned by another worker");
        }
        return after;
    }

    private void plan(Task task) {
        String ledgerKey = "plan#" + task.claimAttempt();
        Optional<Plan> plan = planner.plan(task.question(), task.limits().maxSubquestions(),
                models.gate(task, ledgerKey, "research.plan", new AtomicLong()));
        if (plan.isEmpty() || checkpoint.active(task.key()).isEmpty()) {
            LOG.info("Task {} stopped while planning", task.key());
            return;
        }
        stores.steps().createAll(task.key(), plan.get().subQuestions());
        AtomicBoolean mine = new AtomicBoolean();
        Optional<Task> after = stores.tasks().update(task.key(), t -> {
            mine.set(false);
            if (t.status() != TaskStatus.PLANNING) {
                return false;
            }
            t.planned(plan.get().planner(), plan.get().subQuestions(), clock.instant());
            mine.set(true);
            return true;
        });
        after.ifPresent(t -> outbox.stepsIfDue(t, mine.get()));
    }
}
