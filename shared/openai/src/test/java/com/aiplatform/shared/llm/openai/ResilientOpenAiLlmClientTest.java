package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.resilience.CircuitBreakerPolicy;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.resilience.RetryPolicy;
import com.aiplatform.shared.resilience.Sleeper;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decorator around the real adapter, against the fake Azure OpenAI: retries happen here and only here. */
class ResilientOpenAiLlmClientTest {

    private static final ChatRequest HELLO = new ChatRequest(List.of(ChatMessage.user("Hello")), List.of(), List.of(),
            20, 0);

    private final FakeAzureOpenAi azure = FakeAzureOpenAi.start();
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recordingSleeper = waits::add;
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        azure.close();
    }

    private ResilientLlmClient client(RetryPolicy retry, CircuitBreakerPolicy breaker, Duration attemptTimeout) {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(),
                "AZURE_OPENAI_API_KEY", "k", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini")));
        var adapter = new OpenAiLlmClient(OpenAiClients.create(settings), "gpt-4o-mini", clock);
        return new ResilientLlmClient(adapter, new ResilienceOptions("azure-openai", retry, breaker, attemptTimeout),
                clock, recordingSleeper);
    }

    private static RetryPolicy retries(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(400), 2.0, Duration.ofSeconds(5), Duration.ofSeconds(20), 0);
    }

    @Test
    void should_wait_the_servers_retry_after_then_back_off_when_throttled_and_failing() {
        azure.throttle("3").serverError();

        String text = client(retries(4), CircuitBreakerPolicy.defaults(), Duration.ZERO).chat(HELLO).text();

        assertThat(text).isEqualTo("I have no sources to answer from.");
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(800));
        assertThat(azure.requests()).hasSize(3);
    }

    @Test
    void should_stop_retrying_at_once_when_the_request_is_refused() {
        azure.badRequest("invalid_request_error", "Invalid value for 'temperature'");

        assertThatThrownBy(() -> client(retries(4), CircuitBreakerPolicy.defaults(), Duration.ZERO).chat(HELLO))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(azure.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void should_open_the_circuit_and_stop_calling_the_server_when_it_keeps_failing() {
        azure.serverError().serverError().serverError();
        var client = client(RetryPolicy.none(), new CircuitBreakerPolicy(3, 3, 60f, Duration.ofSeconds(30), 1),
                Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.chat(HELLO)).isInstanceOfSatisfying(LlmException.class,
                    e -> assertThat(e.status()).isEqualTo(500));
        }

        assertThatThrownBy(() -> client.chat(HELLO)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
        assertThat(azure.requests()).hasSize(3);
    }

    @Test
    void should_give_up_on_an_attempt_at_the_per_call_timeout_when_the_server_hangs() {
        azure.hang();

        assertThatThrownBy(() -> client(RetryPolicy.none(), CircuitBreakerPolicy.defaults(), Duration.ofMillis(300))
                .chat(HELLO)).isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("(gpt-4o-mini) did not answer within PT0.3S");
                });
    }
}
