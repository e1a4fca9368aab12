package com.aiplatform.research.tasks;

import java.time.Instant;

/**
 * One progress event of a task. {@code cursor} numbers a task's events 1, 2, 3, ... in the order they
 * happened; events are stored in the task's own row, so each is written atomically with the change it reports.
 */
public record TaskEvent(long cursor, Instant time, String type, String message, Integer step) {
}
