package com.aiplatform.shared.resilience;

import java.time.Duration;
import java.util.Optional;

/** How a failed call is judged: whether trying again may help, and when the server asked us to come back. */
public record Failure(boolean retriable, Optional<Duration> retryAfter) {

    public Failure {
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public static Failure permanent() {
        return new Failure(false, Optional.empty());
    }

    public static Failure transientFailure() {
        return new Failure(true, Optional.empty());
    }

    public static Failure transientFailure(Duration retryAfter) {
        return new Failure(true, Optional.ofNullable(retryAfter));
    }
}
