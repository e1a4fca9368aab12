package com.aiplatform.shared.resilience;

import java.time.Duration;

/** Waits between attempts. Injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread for real. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
