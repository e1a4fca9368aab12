package com.aiplatform.research.work;

import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;

import java.time.Clock;
import java.util.Optional;

/**
 * Where running work asks whether to go on: the task must exist, not be finished (cancelled, over budget,
 * failed) and be within its {@code maxDurationSeconds}; a task past its deadline is failed here.
 */
public final class Checkpoint {

    private final TaskRepository tasks;
    private final Clock clock;

    public Checkpoint(TaskRepository tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    public Optional<Task> active(TaskKey key) {
        return tasks.get(key).flatMap(this::active);
    }

    /** As {@link #active(TaskKey)}, on a row the caller has just read. */
    public Optional<Task> active(Task task) {
        if (task.status().terminal()) {
            return Optional.empty();
        }
        if (task.pastDeadline(clock.instant())) {
            expire(task.key());
            return Optional.empty();
        }
        return Optional.of(task);
    }

    /** Fails the task if it is past its deadline and still running; returns it as it is now. */
    public Optional<Task> expire(TaskKey key) {
        return tasks.update(key, t -> {
            if (t.status().terminal() || !t.pastDeadline(clock.instant())) {
                return false;
            }
            t.transition(TaskStatus.FAILED, "The task ran past its maxDurationSeconds ("
                    + t.limits().maxDurationSeconds() + " s)", clock.instant());
            return true;
        });
    }
}
