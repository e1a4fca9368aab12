package com.aiplatform.local.queue;

import java.time.Duration;

/**
 * The idle back-off of a queue poller: after a poll that found nothing the wait doubles from 100 ms
 * up to {@code maxPollingInterval}; a poll that found messages resets it. Not thread-safe: one per poller.
 */
final class PollingBackoff {

    static final Duration MINIMUM = Duration.ofMillis(100);

    private final Duration maximum;
    private Duration current = Duration.ZERO;

    PollingBackoff(Duration maximum) {
        this.maximum = maximum.compareTo(MINIMUM) < 0 ? MINIMUM : maximum;
    }

    /** The wait after an empty poll. */
    Duration idle() {
        Duration doubled = current.isZero() ? MINIMUM : current.multipliedBy(2);
        current = doubled.compareTo(maximum) > 0 ? maximum : doubled;
        return current;
    }

    void reset() {
        current = Duration.ZERO;
    }
}
