package com.aiplatform.shared.llm.resilient;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.resilience.CallInterruptedException;
import com.aiplatform.shared.resilience.CallTimeoutException;
import com.aiplatform.shared.resilience.CircuitOpenException;
import com.aiplatform.shared.resilience.Failure;
import com.aiplatform.shared.resilience.Resilience;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.resilience.Sleeper;

import java.time.Clock;
import java.util.Objects;

/**
 * Wraps any {@link LlmClient} with retries that honour Retry-After, a time limit per attempt and a circuit
 * breaker. The wrapped adapter must not retry itself (openai-java is built with {@code maxRetries(0)}), so
 * that retries happen in this one layer. Everything that escapes is an {@link LlmException}: a timeout or an
 * open circuit is retriable with status 0, so the caller can still tell the user to come back later.
 */
public final class ResilientLlmClient implements LlmClient {

    private final LlmClient delegate;
    private final Resilience resilience;

    public ResilientLlmClient(LlmClient delegate, ResilienceOptions options, Clock clock, Sleeper sleeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.resilience = new Resilience(options, ResilientLlmClient::classify, clock, sleeper);
    }

    /** Production wiring: the system clock and real sleeps. */
    public static ResilientLlmClient wrap(LlmClient delegate, ResilienceOptions options) {
        return new ResilientLlmClient(delegate, options, Clock.systemUTC(), Sleeper.system());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return resilience.execute(() -> delegate.chat(request));
        } catch (CircuitOpenException e) {
            throw new LlmException(e.getMessage(), 0, true, e.retryAfter(), e);
        } catch (CallTimeoutException e) {
            throw new LlmException("The model (" + delegate.modelName() + ") did not answer within " + e.timeout(),
                    0, true, null, e);
        } catch (CallInterruptedException e) {
            throw new LlmException("The model call was interrupted", 0, false, null, e);
        }
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** The circuit's state (CLOSED, OPEN, HALF_OPEN), for health reports. */
    public String circuitState() {
        return resilience.circuitState();
    }

    private static Failure classify(RuntimeException failure) {
        if (failure instanceof LlmException llm && llm.retriable()) {
            return Failure.transientFailure(llm.retryAfter().orElse(null));
        }
        return Failure.permanent();
    }
}
