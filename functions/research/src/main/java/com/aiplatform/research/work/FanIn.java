package com.aiplatform.research.work;

import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts finished sub-questions on the task row under its ETag. The one writer whose change finishes the
 * last step moves the task on (to {@code synthesizing}, or to {@code failed} under
 * {@link FailedStepPolicy#FAIL_TASK}) and sends the one synthesize message. A step reported twice counts once.
 * If a worker died between moving the task and sending the message, the redelivered step message sends it,
 * once the transition is older than {@code outboxGrace} (so that ordinary duplicates do not).
 */
public final class FanIn {

    private final TaskRepository tasks;
    private final Outbox outbox;
    private final FailedStepPolicy policy;
    private final Clock clock;

    public FanIn(TaskRepository tasks, Outbox outbox, FailedStepPolicy policy, Clock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Counts a finished step and settles its model call ({@code settlement}, may be null) in one write. A task
     * that stopped meanwhile (cancelled, over budget) only gets the settlement: the step ran past its last checkpoint.
     * {@code lastSeen} (may be null) is the task row as the caller last read it, tried first to save a read.
     */
    public Optional<Task> stepFinished(TaskKey key, Task lastSeen, int index, StepState state, String detail,
                                       ModelCalls.Settlement settlement) {
        AtomicBoolean advanced = new AtomicBoolean();
        Optional<Task> after = tasks.update(key, lastSeen, task -> {
            advanced.set(false);
            boolean settled = settlement != null && settlement.applyTo(task, clock.instant());
            if (task.status().terminal()) {
                return settled;
            }
            boolean marked = task.markStep(index, state);
            boolean changed = marked || settled;
            if (marked) {
                task.event("step_" + state.wire(), "Sub-question " + (index + 1) + " " + state.wire()
                        + (detail == null ? "" : ": " + detail), index + 1, clock.instant());
            }
            if (task.status() == TaskStatus.RESEARCHING && task.allStepsFinished()) {
                advance(task);
                advanced.set(true);
                changed = true;
            }
            return changed;
        });
        after.ifPresent(task -> outbox.synthesizeIfDue(task, advanced.get()));
        return after;
    }

    private void advance(Task task) {
        long done = task.stepsIn(StepState.COMPLETED);
        long failed = task.stepsIn(StepState.FAILED);
        int total = task.stepCount();
        if (failed > 0 && policy == FailedStepPolicy.FAIL_TASK) {
            task.transition(TaskStatus.FAILED, failed + " of " + total + " sub-questions failed for good ("
                    + failedList(task) + "; see each sub-question's error); policy FAIL_TASK", clock.instant());
        } else if (done == 0) {
            task.transition(TaskStatus.FAILED, "None of the " + total + " sub-questions could be researched",
                    clock.instant());
        } else {
            task.transition(TaskStatus.SYNTHESIZING, "All " + total + " sub-questions finished (" + done + " done, "
                    + failed + " failed); writing the report", clock.instant());
        }
    }

    private static String failedList(Task task) {
        StringBuilder list = new StringBuilder("sub-question");
        String separator = " ";
        for (int i = 0; i < task.stepCount(); i++) {
            if (task.stepState(i) == StepState.FAILED) {
                list.append(separator).append(i + 1);
                separator = ", ";
            }
        }
        return list.toString();
    }

    /** Whether a phase's message may be (re)sent by someone other than the writer who started the phase. */
    static boolean overdue(Task task, Duration grace, Clock clock) {
        return !task.nextQueued() && task.phaseSince().plus(grace).isBefore(clock.instant());
    }
}
