package com.aiplatform.shared.resilience;

import java.time.Duration;

/**
 * The circuit is open after repeated failures, so the call was not made. Transient: try again after
 * {@link #retryAfter()}, when the circuit lets trial calls through.
 */
public final class CircuitOpenException extends RuntimeException {

    private final Duration retryAfter;

    public CircuitOpenException(String name, Duration retryAfter) {
        super(name + " is failing repeatedly; calls are refused for " + retryAfter + " before trying again");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
