package com.aiplatform.shared.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilienceTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Transient unless its message says "permanent"; "after=<seconds>" is the Retry-After. */
    private static final FailureClassifier CLASSIFIER = failure -> {
        String message = failure.getMessage();
        if (message.startsWith("permanent")) {
            return Failure.permanent();
        }
        if (message.startsWith("after=")) {
            return Failure.transientFailure(Duration.ofSeconds(Long.parseLong(message.substring(6))));
        }
        return Failure.transientFailure();
    };

    private Resilience resilience(RetryPolicy retry, CircuitBreakerPolicy breaker, Duration timeout) {
        return new Resilience(new ResilienceOptions("test", retry, breaker, timeout), CLASSIFIER, clock,
                clock.sleeper());
    }

    private static RetryPolicy retries(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), Duration.ofSeconds(30), 0);
    }

    private static Supplier<String> script(Deque<RuntimeException> failures, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "ok";
        };
    }

    @Test
    void should_back_off_exponentially_and_cap_when_no_retry_after_is_given() {
        var calls = new AtomicInteger();
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("busy"),
                new IllegalStateException("busy"), new IllegalStateException("busy"), new IllegalStateException("busy")));

        String result = resilience(retries(5), CircuitBreakerPolicy.defaults(), Duration.ZERO)
                .execute(script(failures, calls));

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(5);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3));
    }

    @Test
    void should_wait_the_retry_after_when_the_server_sends_one() {
        var calls = new AtomicInteger();
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("after=7")));

        String result = resilience(retries(3), CircuitBreakerPolicy.defaults(), Duration.ZERO)
                .execute(script(failures, calls));

        assertThat(result).isEqualTo("ok");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void should_give_up_at_once_when_retry_after_exceeds_the_cap() {
        var calls = new AtomicInteger();
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("after=120")));

        assertThatThrownBy(() -> resilience(retries(3), CircuitBreakerPolicy.defaults(), Duration.ZERO)
                .execute(script(failures, calls))).hasMessage("after=120");
        assertThat(calls).hasValue(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void should_rethrow_the_last_failure_when_attempts_run_out() {
        var calls = new AtomicInteger();
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("one"),
                new IllegalStateException("two"), new IllegalStateException("three")));

        assertThatThrownBy(() -> resilience(retries(3), CircuitBreakerPolicy.defaults(), Duration.ZERO)
                .execute(script(failures, calls))).hasMessage("three");
        assertThat(calls).hasValue(3);
        assertThat(clock.sleeps()).hasSize(2);
    }

    @Test
    void should_not_retry_when_the_failure_is_permanent() {
        var calls = new AtomicInteger();
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalArgumentException("permanent: bad")));

        assertThatThrownBy(() -> resilience(retries(4), CircuitBreakerPolicy.defaults(), Duration.ZERO)
                .execute(script(failures, calls))).hasMessage("permanent: bad");
        assertThat(calls).hasValue(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void should_open_the_circuit_and_fail_fast_when_failures_repeat_then_close_after_a_good_trial() {
        var breaker = new CircuitBreakerPolicy(4, 4, 50f, Duration.ofSeconds(30), 1);
        Resilience resilience = resilience(RetryPolicy.none(), breaker, Duration.ZERO);
        var calls = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("down")));
            assertThatThrownBy(() -> resilience.execute(script(failures, calls))).hasMessage("down");
        }
        assertThat(resilience.circuitState()).isEqualTo("OPEN");

        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> resilience.execute(script(new ArrayDeque<>(), calls)))
                .isInstanceOfSatisfying(CircuitOpenException.class,
                        open -> assertThat(open.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
        assertThat(calls).hasValue(4);

        clock.advance(Duration.ofSeconds(21));
        assertThat(resilience.execute(script(new ArrayDeque<>(), calls))).isEqualTo("ok");
        assertThat(resilience.circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void should_keep_the_circuit_closed_when_failures_are_permanent() {
        var breaker = new CircuitBreakerPolicy(4, 4, 50f, Duration.ofSeconds(30), 1);
        Resilience resilience = resilience(RetryPolicy.none(), breaker, Duration.ZERO);
        var calls = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalArgumentException("permanent")));
            assertThatThrownBy(() -> resilience.execute(script(failures, calls))).hasMessage("permanent");
        }
        assertThat(resilience.circuitState()).isEqualTo("CLOSED");
        assertThat(calls).hasValue(6);
    }

    @Test
    void should_time_out_and_retry_when_an_attempt_hangs() {
        var release = new CountDownLatch(1);
        var calls = new AtomicInteger();
        Resilience resilience = resilience(retries(2), CircuitBreakerPolicy.defaults(), Duration.ofMillis(100));
        try {
            assertThatThrownBy(() -> resilience.execute(() -> {
                calls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "late";
            })).isInstanceOfSatisfying(CallTimeoutException.class,
                    timeout -> assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(100)));
        } finally {
            release.countDown();
        }
        assertThat(calls).hasValue(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void should_restore_the_interrupt_flag_when_interrupted_during_backoff() {
        Resilience resilience = new Resilience(new ResilienceOptions("test", retries(3),
                CircuitBreakerPolicy.defaults(), Duration.ZERO), CLASSIFIER, clock, duration -> {
            throw new InterruptedException("stop");
        });
        var failures = new ArrayDeque<RuntimeException>(List.of(new IllegalStateException("busy")));
        try {
            assertThatThrownBy(() -> resilience.execute(script(failures, new AtomicInteger())))
                    .isInstanceOf(CallInterruptedException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                            .containsExactly("busy"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
