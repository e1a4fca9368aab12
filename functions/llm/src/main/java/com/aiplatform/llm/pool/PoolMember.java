package com.aiplatform.llm.pool;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.resilience.CircuitBreakerPolicy;
import com.aiplatform.shared.resilience.Failure;
import com.aiplatform.shared.resilience.Resilience;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.resilience.RetryPolicy;
import com.aiplatform.shared.resilience.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One deployment of the pool: its client, its own circuit breaker (transient failures only: a 400 says the
 * request was wrong, not the backend), and the time until which its last Retry-After asked us to leave it
 * alone. It never retries: failing over to the next member is the pool's retry.
 */
public final class PoolMember {

    private final String name;
    private final int priority;
    private final int weight;
    private final LlmClient client;
    private final Resilience breaker;
    private final Clock clock;
    private final AtomicReference<Instant> restingUntil = new AtomicReference<>(Instant.MIN);

    public PoolMember(String name, int priority, int weight, LlmClient client, CircuitBreakerPolicy policy,
                      Duration attemptTimeout, Clock clock) {
        this.name = name;
        this.priority = priority;
        this.weight = weight;
        this.client = client;
        this.clock = clock;
        this.breaker = new Resilience(new ResilienceOptions("llm-backend-" + name, RetryPolicy.none(), policy,
                attemptTimeout), PoolMember::classify, clock, Sleeper.system());
    }

    /** The answer; an {@link LlmException} (a circuit that is open is a retriable one with status 0). */
    ChatResponse chat(ChatRequest request) {
        try {
            return breaker.execute(() -> client.chat(request));
        } catch (LlmException e) {
            e.retryAfter().ifPresent(wait -> restingUntil.set(clock.instant().plus(wait)));
            throw e;
        } catch (com.aiplatform.shared.resilience.CircuitOpenException e) {
            throw new LlmException("Backend " + name + ": circuit open", 0, true, e.retryAfter(), e);
        } catch (com.aiplatform.shared.resilience.CallTimeoutException e) {
            throw new LlmException("Backend " + name + " did not answer within " + e.timeout(), 0, true, null, e);
        }
    }

    /** How long the backend asked to be left alone (Retry-After), zero when it did not. */
    Duration resting() {
        // One reading of the clock: two would make "now until now" a few nanoseconds long on a real clock.
        Instant now = clock.instant();
        Instant until = restingUntil.get();
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }

    public int weight() {
        return weight;
    }

    public String model() {
        return client.modelName();
    }

    /** CLOSED, OPEN or HALF_OPEN. */
    public String circuitState() {
        return breaker.circuitState();
    }

    private static Failure classify(RuntimeException failure) {
        if (failure instanceof LlmException llm && llm.retriable()) {
            return Failure.transientFailure(llm.retryAfter().orElse(null));
        }
        return Failure.permanent();
    }
}
