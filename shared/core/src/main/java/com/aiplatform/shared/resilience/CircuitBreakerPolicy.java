package com.aiplatform.shared.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit opens: over the last {@code windowSize} attempts (once at least {@code minimumCalls} were
 * made), a share of transient failures at or above {@code failureRatePercent}. It then fails fast for
 * {@code openDuration} and lets {@code halfOpenCalls} trial calls decide whether to close again.
 */
public record CircuitBreakerPolicy(int windowSize, int minimumCalls, float failureRatePercent, Duration openDuration,
                                   int halfOpenCalls) {

    public CircuitBreakerPolicy {
        if (windowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
            throw new IllegalArgumentException("windowSize, minimumCalls and halfOpenCalls must be positive");
        }
        if (failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must lie in (0, 100]");
        }
        Objects.requireNonNull(openDuration, "openDuration");
    }

    /** Half of the last 20 attempts failing (after at least 10) opens the circuit for 30 s. */
    public static CircuitBreakerPolicy defaults() {
        return new CircuitBreakerPolicy(20, 10, 50f, Duration.ofSeconds(30), 2);
    }
}
