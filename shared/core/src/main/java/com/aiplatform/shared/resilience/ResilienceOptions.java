package com.aiplatform.shared.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes a {@link Resilience}: a name for logs, the retry and circuit policies and the time
 * one attempt may take ({@link Duration#ZERO} runs attempts on the caller's thread with no limit).
 */
public record ResilienceOptions(String name, RetryPolicy retry, CircuitBreakerPolicy circuitBreaker,
                                Duration attemptTimeout) {

    public ResilienceOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (attemptTimeout.isNegative()) {
            throw new IllegalArgumentException("attemptTimeout must not be negative");
        }
    }

    public static ResilienceOptions defaults(String name, Duration attemptTimeout) {
        return new ResilienceOptions(name, RetryPolicy.defaults(), CircuitBreakerPolicy.defaults(), attemptTimeout);
    }
}
