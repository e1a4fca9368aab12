package com.aiplatform.shared.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries with exponential backoff. {@code maxAttempts} counts the first call. A server's Retry-After
 * replaces the backoff, up to {@code maxRetryAfter}: a longer wait ends the retries at once, so the exception
 * (which still carries the Retry-After) reaches a caller that can wait without holding a Function instance,
 * such as queue redelivery with a visibility delay. {@code jitter} (0..1) shortens each backoff by up to that
 * fraction, so that instances throttled together do not come back together.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          Duration maxRetryAfter, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must lie between 0 and 1");
        }
    }

    /** Four attempts, 0.5 s doubling to at most 8 s, Retry-After honoured up to 30 s, 20 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8), Duration.ofSeconds(30), 0.2);
    }

    /** One attempt: for callers that retry in another layer. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 0);
    }

    /** The backoff before attempt {@code failedAttempt + 1}, before jitter. */
    public Duration backoff(int failedAttempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
