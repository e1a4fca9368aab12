package com.aiplatform.research.api;

import com.aiplatform.research.tasks.Task;

import java.time.Instant;

/** A task in the list: enough to pick one and follow its link. */
public record TaskSummary(String id, String status, String question, int percentComplete, Instant createdAt,
                          Instant updatedAt, String location) {

    static TaskSummary of(Task task) {
        String question = task.question().length() <= 200 ? task.question() : task.question().substring(0, 200) + "…";
        return new TaskSummary(task.key().id(), task.status().wire(), question, task.percentComplete(),
                task.createdAt(), task.updatedAt(), TaskFunctions.location(task.key().id()));
    }
}
