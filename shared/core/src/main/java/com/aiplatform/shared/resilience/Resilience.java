package com.aiplatform.shared.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a call with bounded retries (exponential backoff, or the server's Retry-After), a time limit per
 * attempt and a circuit breaker, so that one layer, and only one, retries a given remote call. Which failures
 * are transient is the {@link FailureClassifier}'s call; timeouts are always transient. Failures that are not
 * transient (a 400) do not count against the circuit: the service answered, the request was wrong.
 *
 * <p>Build one per remote dependency and keep it for the life of the process: the circuit's memory is the
 * point.
 */
public final class Resilience {

    private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);

    private final ResilienceOptions options;
    private final FailureClassifier classifier;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CircuitBreaker breaker;
    private final AtomicReference<Instant> openedAt = new AtomicReference<>(Instant.MIN);
    private final ExecutorService attempts;

    public Resilience(ResilienceOptions options, FailureClassifier classifier, Clock clock, Sleeper sleeper) {
        this.options = Objects.requireNonNull(options, "options");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        CircuitBreakerPolicy policy = options.circuitBreaker();
        this.breaker = CircuitBreaker.of(options.name(), CircuitBreakerConfig.custom()
                .slidingWindow(policy.windowSize(), policy.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt.set(clock.instant());
                LOG.warn("Circuit for {} opened after repeated failures; failing fast for {}", options.name(),
                        policy.openDuration());
            }
        });
        this.attempts = options.attemptTimeout().isZero() ? null : Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "resilience-" + options.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> T execute(Supplier<T> call) {
        RetryPolicy retry = options.retry();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return attempt(call);
            } catch (CircuitOpenException | CallInterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = e;
            }
            Failure judged = judge(failure);
            if (!judged.retriable() || attempt >= retry.maxAttempts()) {
                throw failure;
            }
            Duration wait;
            if (judged.retryAfter().isPresent()) {
                wait = judged.retryAfter().get();
                if (wait.compareTo(retry.maxRetryAfter()) > 0) {
                    LOG.warn("{} asked to retry after {}, longer than the {} we wait in process; giving up",
                            options.name(), wait, retry.maxRetryAfter());
                    throw failure;
                }
            } else {
                wait = jittered(retry.backoff(attempt), retry.jitter());
            }
            LOG.info("{} failed on attempt {}/{} ({}); retrying in {}", options.name(), attempt, retry.maxAttempts(),
                    failure.getMessage(), wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                CallInterruptedException interrupted = new CallInterruptedException(options.name(), e);
                interrupted.addSuppressed(failure);
                throw interrupted;
            }
        }
    }

    /** The breaker's state, for health reports. */
    public String circuitState() {
        return breaker.getState().name();
    }

    private Failure judge(RuntimeException failure) {
        return failure instanceof CallTimeoutException ? Failure.transientFailure() : classifier.classify(failure);
    }

    private <T> T attempt(Supplier<T> call) {
        if (!breaker.tryAcquirePermission()) {
            throw new CircuitOpenException(options.name(), remainingOpenTime());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = timed(call);
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (CallInterruptedException e) {
            breaker.releasePermission();
            throw e;
        } catch (RuntimeException e) {
            long elapsed = breaker.getCurrentTimestamp() - start;
            if (judge(e).retriable()) {
                breaker.onError(elapsed, breaker.getTimestampUnit(), e);
            } else {
                breaker.onSuccess(elapsed, breaker.getTimestampUnit());
            }
            throw e;
        }
    }

    private <T> T timed(Supplier<T> call) {
        if (attempts == null) {
            return call.get();
        }
        Callable<T> task = call::get;
        Future<T> future = attempts.submit(Context.current().wrap(task));
        try {
            return future.get(options.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CallTimeoutException(options.name(), options.attemptTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallInterruptedException(options.name(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(options.name() + " failed with a checked exception", cause);
        }
    }

    private Duration remainingOpenTime() {
        Duration open = options.circuitBreaker().openDuration();
        Instant since = openedAt.get();
        if (since.equals(Instant.MIN)) {
            return open;
        }
        Duration left = open.minus(Duration.between(since, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration jittered(Duration backoff, double jitter) {
        if (jitter == 0 || backoff.isZero()) {
            return backoff;
        }
        double factor = 1 - jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (backoff.toMillis() * factor));
    }
}
