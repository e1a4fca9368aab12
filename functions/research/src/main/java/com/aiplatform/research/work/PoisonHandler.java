package com.aiplatform.research.work;

import com.aiplatform.research.steps.Step;
import com.aiplatform.research.steps.StepRepository;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.table.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Handles messages the queue gave up on ({@code <queue>-poison}, after {@code maxDequeueCount} failed
 * attempts): the work they stood for is failed for good, with the last error as the reason. A step's
 * failure then goes through the fan-in, where the {@code RESEARCH_FAILED_STEP_POLICY} decides the task.
 * Work that finished or is still held by a live worker (a duplicate that was poisoned) is left alone.
 */
public final class PoisonHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonHandler.class);

    private final TaskRepository tasks;
    private final StepRepository steps;
    private final FanIn fanIn;
    private final Clock clock;

    public PoisonHandler(TaskRepository tasks, StepRepository steps, FanIn fanIn, Clock clock) {
        this.tasks = tasks;
        this.steps = steps;
        this.fanIn = fanIn;
        this.clock = clock;
    }

    public void planPoisoned(WorkMessage message) {
        failPhase(message, TaskStatus.PLANNING, "Planning");
    }

    public void synthesizePoisoned(WorkMessage message) {
        failPhase(message, TaskStatus.SYNTHESIZING, "Synthesis");
    }

    public void stepPoisoned(WorkMessage message) {
        Optional<Step> found = steps.get(message.key(), message.step());
        if (found.isEmpty()) {
            return;
        }
        Step step = found.get();
        if (!step.state().finished()) {
            if (step.claimedAt(clock.instant())) {
                LOG.info("Poisoned message for sub-question {} of {} ignored: a live worker holds it", step.index(),
                        step.task());
                return;
            }
            String why = "Gave up after " + step.attempts() + " attempts (maxDequeueCount); last error: "
                    + (step.error() == null ? "unknown" : step.error());
            try {
                step = steps.replace(step.ended(StepState.FAILED, why, clock.instant()));
            } catch (ConcurrencyException changed) {
                throw new WorkInProgressException("Sub-question " + step.index() + " of " + step.task() + " changed");
            }
        }
        fanIn.stepFinished(step.task(), null, step.index(), step.state(), step.error(), null);
    }

    private void failPhase(WorkMessage message, TaskStatus phase, String what) {
        tasks.update(message.key(), task -> {
            boolean stuck = task.status() == phase || (phase == TaskStatus.PLANNING && task.status() == TaskStatus.QUEUED);
            if (!stuck || held(task)) {
                return false;
            }
            task.transition(TaskStatus.FAILED, what + " gave up after the queue's maxDequeueCount attempts; last error: "
                    + (task.lastError() == null ? "unknown" : task.lastError()), clock.instant());
            return true;
        });
    }

    private boolean held(Task task) {
        return task.claimUntil() != null && task.claimUntil().isAfter(clock.instant());
    }
}
