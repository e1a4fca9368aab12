package com.aiplatform.local.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters by key, as APIM's {@code rate-limit-by-key} and {@code quota-by-key} keep them:
 * a window starts with the first hit and renews after its period. Thread-safe; time from the clock.
 */
final class WindowCounters {

    private record Window(Instant start, long count) {
    }

    /** The result of a hit: allowed or not, what is left, and when the window renews. */
    record Outcome(boolean allowed, long remaining, Duration retryAfter) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    WindowCounters(Clock clock) {
        this.clock = clock;
    }

    /** Counts {@code amount} against {@code limit} unless the window is already full. */
    Outcome hit(String key, long amount, long limit, Duration period) {
        Instant now = clock.instant();
        boolean[] allowed = new boolean[1];
        Window after = windows.compute(key, (k, window) -> {
            Window current = window == null || !now.isBefore(window.start().plus(period)) ? new Window(now, 0) : window;
            allowed[0] = current.count() + amount <= limit;
            return allowed[0] ? new Window(current.start(), current.count() + amount) : current;
        });
        return new Outcome(allowed[0], Math.max(0, limit - after.count()),
                Duration.between(now, after.start().plus(period)));
    }

    /** Whether the window still has room, without counting anything (tokens are counted after the response). */
    Outcome peek(String key, long limit, Duration period) {
        Instant now = clock.instant();
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.start().plus(period))) {
            return new Outcome(true, limit, period);
        }
        return new Outcome(window.count() < limit, Math.max(0, limit - window.count()),
                Duration.between(now, window.start().plus(period)));
    }

    /** Adds to the window even past the limit: work already done is counted. */
    void add(String key, long amount, Duration period) {
        Instant now = clock.instant();
        windows.compute(key, (k, window) -> window == null || !now.isBefore(window.start().plus(period))
                ? new Window(now, amount) : new Window(window.start(), window.count() + amount));
    }
}
