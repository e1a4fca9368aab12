package com.aiplatform.research.api;

import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskEvent;

import java.util.List;

/**
 * Progress events after a cursor. {@code nextCursor} is what to send as {@code after} next time;
 * {@code done} says the task is finished and no more events will come.
 */
public record EventsView(String taskId, String status, List<TaskEvent> events, long nextCursor, boolean done) {

    static EventsView of(Task task, List<TaskEvent> events, long after) {
        long next = events.isEmpty() ? after : events.get(events.size() - 1).cursor();
        return new EventsView(task.key().id(), task.status().wire(), events, next, task.status().terminal());
    }
}
