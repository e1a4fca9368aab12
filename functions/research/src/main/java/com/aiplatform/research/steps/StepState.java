package com.aiplatform.research.steps;

import java.util.Locale;

/** A sub-question's state. */
public enum StepState {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == SKIPPED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
