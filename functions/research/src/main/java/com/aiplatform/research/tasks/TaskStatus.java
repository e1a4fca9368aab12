package com.aiplatform.research.tasks;

import java.util.Locale;
import java.util.Optional;

/** Where a task is. The last four are terminal: nothing changes a task once it reaches one. */
public enum TaskStatus {
    QUEUED, PLANNING, RESEARCHING, SYNTHESIZING, COMPLETED, FAILED, CANCELLED, BUDGET_EXCEEDED;

    public boolean terminal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    /** The name on the wire: {@code budget_exceeded}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TaskStatus> fromWire(String value) {
        for (TaskStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
