package com.aiplatform.research.tasks;

import java.util.Locale;

/**
 * A sub-question's state. The step row holds it by {@link #wire()} name; the task row keeps, for the fan-in, one
 * {@link #symbol()} per step, where a step not finished yet (pending or running) is {@code '.'}.
 */
public enum StepState {
    PENDING('.'), RUNNING('.'), COMPLETED('D'), FAILED('F'), SKIPPED('S');

    private final char symbol;

    StepState(char symbol) {
        this.symbol = symbol;
    }

    /** The character the task row stores for this state. */
    public char symbol() {
        return symbol;
    }

    /** The state a task row's character stands for: {@code '.'} is {@link #PENDING}. */
    public static StepState ofSymbol(char symbol) {
        for (StepState state : values()) {
            if (state.symbol == symbol) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown step state symbol '" + symbol + "'");
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == SKIPPED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
