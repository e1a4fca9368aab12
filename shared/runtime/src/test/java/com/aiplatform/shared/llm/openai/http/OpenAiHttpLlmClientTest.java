package com.aiplatform.shared.llm.openai.http;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request the JDK model adapter puts on the wire and how it reads answers and failures, against a loopback
 * server that records the request and answers as Azure OpenAI's v1 API does. Its port contract runs against the
 * real llm app (local module, {@code OpenAiHttpLlmClientContractTest}).
 */
class OpenAiHttpLlmClientTest {

    private HttpServer server;
    private final AtomicReference<HttpExchange> seen = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private volatile Map<String, String> answerHeaders = Map.of();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange);
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenAiHttpLlmClient client() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                OpenAiSettings.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort(),
                OpenAiSettings.AZURE_API_KEY, "azure-key",
                OpenAiSettings.CHAT_DEPLOYMENT, "gpt-4o-mini")));
        return new OpenAiHttpLlmClient(HttpClient.newHttpClient(), settings, null, Clock.systemUTC());
    }

    private static ChatRequest request() {
        return new ChatRequest(List.of(ChatMessage.system("You are brief."), ChatMessage.user("Where is my order?"),
                ChatMessage.assistant("", List.of(new ToolCall("call_1", "orderStatus", "{\"id\":\"7\"}"))),
                ChatMessage.tool("call_1", "{\"status\":\"shipped\"}")),
                List.of(new Source(1, "orders.md", "Orders ship within a day.")),
                List.of(new ToolSpec("orderStatus", "Looks an order up", Json.tree("{\"type\":\"object\"}"))), 120, 0.2);
    }

    @Test
    void should_send_sources_after_the_leading_system_message_and_tools_as_functions_when_chatting() {
        answer = """
                {"choices":[{"message":{"role":"assistant","content":"It shipped [1]."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":42,"completion_tokens":5}}""";

        ChatResponse response = client().chat(request());

        HttpExchange exchange = seen.get();
        assertThat(exchange.getRequestURI().getPath()).isEqualTo("/openai/v1/chat/completions");
        assertThat(exchange.getRequestHeaders().getFirst("api-key")).isEqualTo("azure-key");
        JsonNode body = Json.tree(seenBody.get());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(120);
        assertThat(body.get("messages").findValuesAsText("role"))
                .containsExactly("system", "system", "user", "assistant", "tool");
        assertThat(body.get("messages").get(1).get("content").asText()).contains("[1] orders.md");
        assertThat(body.get("messages").get(3).get("tool_calls").get(0).get("function").get("name").asText())
                .isEqualTo("orderStatus");
        assertThat(body.get("messages").get(4).get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(body.get("tools").get(0).get("function").get("parameters").get("type").asText()).isEqualTo("object");
        assertThat(response.text()).isEqualTo("It shipped [1].");
        assertThat(response.citations()).containsExactly(1);
        assertThat(response.usage().inputTokens()).isEqualTo(42);
        assertThat(response.usage().model()).isEqualTo("gpt-4o-mini");
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void should_return_the_tool_calls_when_the_model_asks_for_a_tool() {
        answer = """
                {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_9","type":"function",
                 "function":{"name":"orderStatus","arguments":"{\\"id\\":\\"8\\"}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":9}}""";

        ChatResponse response = client().chat(request());

        assertThat(response.text()).isEmpty();
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_9", "orderStatus", "{\"id\":\"8\"}"));
    }

    @Test
    void should_fail_retriably_with_the_servers_retry_after_when_throttled() {
        status = 429;
        answerHeaders = Map.of("retry-after-ms", "1500");
        answer = "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit reached\"}}";

        assertThatThrownBy(() -> client().chat(request())).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
        });
    }

    @Test
    void should_fail_without_retry_naming_the_servers_error_when_the_request_is_refused() {
        status = 400;
        answer = "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"Too long\"}}";

        assertThatThrownBy(() -> client().chat(request())).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 400", "context_length_exceeded: Too long");
        });
    }

    @Test
    void should_fail_retriably_when_nothing_answers() {
        server.stop(0);

        assertThatThrownBy(() -> client().chat(request())).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.retriable()).isTrue();
        });
    }
}
