package com.aiplatform.research.work;

import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends the message that starts a task's next phase, then records on the task row that it was sent. The
 * writer that moved the task sends at once; anyone else (a redelivered message) only once the phase is
 * older than {@code grace} and still not marked sent, which is the case when the first writer died in between.
 */
public final class Outbox {

    private final TaskRepository tasks;
    private final Messages messages;
    private final String stepQueue;
    private final String synthesizeQueue;
    private final Duration grace;
    private final Clock clock;

    public Outbox(TaskRepository tasks, Messages messages, String stepQueue, String synthesizeQueue, Duration grace,
                  Clock clock) {
        this.tasks = tasks;
        this.messages = messages;
        this.stepQueue = stepQueue;
        this.synthesizeQueue = synthesizeQueue;
        this.grace = grace;
        this.clock = clock;
    }

    /** One step message per sub-question still pending. */
    public void stepsIfDue(Task task, boolean mine) {
        if (task.status() != TaskStatus.RESEARCHING || !(mine ? !task.nextQueued() : FanIn.overdue(task, grace, clock))) {
            return;
        }
        for (int i = 0; i < task.stepCount(); i++) {
            if (task.stepState(i) == StepState.PENDING) {
                messages.send(stepQueue, WorkMessage.of(task.key(), i, clock.instant(), task.traceparent()));
            }
        }
        markSent(task, TaskStatus.RESEARCHING);
    }

    public void synthesizeIfDue(Task task, boolean mine) {
        if (task.status() != TaskStatus.SYNTHESIZING || !(mine ? !task.nextQueued() : FanIn.overdue(task, grace, clock))) {
            return;
        }
        messages.send(synthesizeQueue, WorkMessage.of(task.key(), null, clock.instant(), task.traceparent()));
        markSent(task, TaskStatus.SYNTHESIZING);
    }

    private void markSent(Task task, TaskStatus phase) {
        tasks.update(task.key(), task, t -> {
            if (t.status() != phase || t.nextQueued()) {
                return false;
            }
            t.markNextQueued();
            return true;
        });
    }
}
