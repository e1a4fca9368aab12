package com.aiplatform.shared.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when a test (or the recording sleeper) moves it. */
public final class TestClock extends Clock {

    private volatile Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public TestClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** A sleeper that records each wait and moves this clock instead of sleeping. */
    public Sleeper sleeper() {
        return duration -> {
            synchronized (sleeps) {
                sleeps.add(duration);
            }
            advance(duration);
        };
    }

    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
