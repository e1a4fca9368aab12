package com.aiplatform.shared.llm.resilient;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.resilience.CircuitBreakerPolicy;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.resilience.RetryPolicy;
import com.aiplatform.shared.resilience.TestClock;
import com.aiplatform.shared.usage.Usage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilientLlmClientTest {

    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatMessage.user("hi")), List.of(), List.of(),
            50, 0);

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A stand-in model that fails as scripted, then answers. */
    private static final class ScriptedModel implements LlmClient {
        private final Deque<LlmException> failures;
        private int calls;

        ScriptedModel(LlmException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls++;
            LlmException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return new ChatResponse("hello", List.of(), List.of(), Generator.MODEL, new Usage("gpt", 1, 1), "stop");
        }

        @Override
        public String modelName() {
            return "gpt";
        }
    }

    private static LlmException throttled(long seconds) {
        return new LlmException("429", 429, true, Duration.ofSeconds(seconds), null);
    }

    private ResilientLlmClient wrap(LlmClient model, RetryPolicy retry, CircuitBreakerPolicy breaker, Duration timeout) {
        return new ResilientLlmClient(model, new ResilienceOptions("llm", retry, breaker, timeout), clock,
                clock.sleeper());
    }

    @Test
    void should_honour_retry_after_when_the_model_is_throttled() {
        var model = new ScriptedModel(throttled(2), throttled(5));
        var client = wrap(model, RetryPolicy.defaults(), CircuitBreakerPolicy.defaults(), Duration.ZERO);

        assertThat(client.chat(REQUEST).text()).isEqualTo("hello");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(model.calls).isEqualTo(3);
        assertThat(client.modelName()).isEqualTo("gpt");
    }

    @Test
    void should_not_retry_when_the_request_is_refused() {
        var model = new ScriptedModel(new LlmException("bad request", 400, false, null, null));
        var client = wrap(model, RetryPolicy.defaults(), CircuitBreakerPolicy.defaults(), Duration.ZERO);

        assertThatThrownBy(() -> client.chat(REQUEST)).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(model.calls).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void should_fail_fast_with_a_retriable_exception_when_the_circuit_is_open() {
        var model = new ScriptedModel(new LlmException("500", 500, true, null, null),
                new LlmException("502", 502, true, null, null));
        var breaker = new CircuitBreakerPolicy(2, 2, 50f, Duration.ofSeconds(60), 1);
        var client = wrap(model, RetryPolicy.none(), breaker, Duration.ZERO);
        assertThatThrownBy(() -> client.chat(REQUEST)).hasMessage("500");
        assertThatThrownBy(() -> client.chat(REQUEST)).hasMessage("502");

        assertThatThrownBy(() -> client.chat(REQUEST)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        });
        assertThat(model.calls).isEqualTo(2);
        assertThat(client.circuitState()).isEqualTo("OPEN");
    }

    @Test
    void should_report_a_retriable_timeout_when_the_model_hangs() {
        var release = new CountDownLatch(1);
        LlmClient hanging = new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new LlmException("too late", 0, false, null, null);
            }

            @Override
            public String modelName() {
                return "slow";
            }
        };
        var client = wrap(hanging, RetryPolicy.none(), CircuitBreakerPolicy.defaults(), Duration.ofMillis(50));
        try {
            assertThatThrownBy(() -> client.chat(REQUEST)).isInstanceOfSatisfying(LlmException.class, e -> {
                assertThat(e.retriable()).isTrue();
                assertThat(e.getMessage()).contains("slow").contains("PT0.05S");
            });
        } finally {
            release.countDown();
        }
    }
}
