package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.ImagePart;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiLlmClientTest {

    private static final List<Source> SOURCES = List.of(
            new Source(1, "handbook/refunds.md", "Returns are accepted within thirty days. Refunds take five days."),
            new Source(2, "handbook/shipping.md", "Shipping to Europe takes five business days."));
    private static final JsonNode ORDER_SCHEMA = Json.tree("""
            {"type":"object","properties":{"orderId":{"type":"string","description":"The order number"}},
             "required":["orderId"]}""");

    private final FakeAzureOpenAi azure = FakeAzureOpenAi.start();

    @AfterEach
    void stop() {
        azure.close();
    }

    private OpenAiLlmClient client(Map<String, String> extra) {
        var values = new HashMap<>(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(),
                "AZURE_OPENAI_API_KEY", "test-key", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini"));
        values.putAll(extra);
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(values));
        return OpenAiLlmClient.create(OpenAiClients.create(settings), settings);
    }

    private static ChatRequest ask(String question) {
        return new ChatRequest(List.of(ChatMessage.system("You are the support assistant."), ChatMessage.user(question)),
                SOURCES, List.of(new ToolSpec("lookup_order", "Finds an order by its number", ORDER_SCHEMA)), 123, 0.2);
    }

    @Test
    void should_send_deployment_key_sources_tools_and_token_limit_in_the_azure_v1_shape() {
        client(Map.of()).chat(ask("How long do refunds take?"));

        FakeAzureOpenAi.Recorded sent = azure.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(sent.query()).isNull();
        assertThat(sent.header("api-key")).isEqualTo("test-key");
        assertThat(sent.header("authorization")).isNull();
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(123);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are the support assistant.");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asText())
                .startsWith("Answer only from the numbered sources below.")
                .contains("cite it by its number in square brackets, such as [1]")
                .contains("\n\n[1] handbook/refunds.md\nReturns are accepted within thirty days. Refunds take five days.")
                .endsWith("\n\n[2] handbook/shipping.md\nShipping to Europe takes five business days.");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("How long do refunds take?");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("lookup_order");
        assertThat(tool.path("function").path("description").asText()).isEqualTo("Finds an order by its number");
        assertThat(tool.path("function").path("parameters")).isEqualTo(ORDER_SCHEMA);
    }

    @Test
    void should_return_the_answer_with_known_citations_and_usage_when_the_model_answers() {
        OpenAiLlmClient client = client(Map.of());

        ChatResponse response = client.chat(ask("How long do refunds take?"));

        assertThat(response.text()).isEqualTo("Returns are accepted within thirty days. [1] See also [99].");
        assertThat(response.citations()).containsExactly(1);
        assertThat(response.generator()).isEqualTo(Generator.MODEL);
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage().model()).isEqualTo("gpt-4o-mini").isEqualTo(client.modelName());
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isEqualTo(response.text().length() / 4);
    }

    @Test
    void should_return_tool_calls_when_the_model_calls_a_function() {
        azure.toolCall("call_abc", "lookup_order", "{\"orderId\":\"A-17\"}");

        ChatResponse response = client(Map.of()).chat(ask("Where is order A-17?"));

        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_abc", "lookup_order", "{\"orderId\":\"A-17\"}"));
        assertThat(response.text()).isEmpty();
        assertThat(response.citations()).isEmpty();
        assertThat(response.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void should_send_the_tool_result_as_a_tool_message_when_the_conversation_continues() {
        var call = new ToolCall("call_abc", "lookup_order", "{\"orderId\":\"A-17\"}");
        var request = new ChatRequest(List.of(ChatMessage.user("Where is order A-17?"),
                ChatMessage.assistant(null, List.of(call)),
                ChatMessage.tool("call_abc", "{\"status\":\"shipped\"}")), List.of(), List.of(), 50, 0);

        client(Map.of()).chat(request);

        JsonNode messages = azure.lastRequest().body().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode assistant = messages.get(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_abc");
        assertThat(assistant.path("tool_calls").get(0).path("type").asText()).isEqualTo("function");
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"orderId\":\"A-17\"}");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_abc");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("{\"status\":\"shipped\"}");
        assertThat(azure.lastRequest().body().has("tools")).isFalse();
    }

    @Test
    void should_raise_a_retriable_error_with_retry_after_when_throttled() {
        azure.throttle("7");

        assertThatThrownBy(() -> client(Map.of()).chat(ask("Hi"))).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
        assertThat(azure.requests()).as("openai-java must not retry by itself").hasSize(1);
    }

    @Test
    void should_prefer_retry_after_ms_when_the_server_sends_both() {
        azure.reply(429, FakeAzureOpenAi.error("429", "slow down"), Map.of("retry-after", "2", "retry-after-ms", "1250"));

        assertThatThrownBy(() -> client(Map.of()).chat(ask("Hi"))).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(1250)));
    }

    @Test
    void should_raise_a_retriable_error_when_the_server_fails() {
        azure.serverError();

        assertThatThrownBy(() -> client(Map.of()).chat(ask("Hi"))).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retriable()).isTrue();
            assertThat(e.retryAfter()).isEmpty();
        });
        assertThat(azure.requests()).hasSize(1);
    }

    @Test
    void should_raise_a_final_error_with_the_server_message_when_the_request_is_refused() {
        azure.badRequest("content_filter", "The response was filtered due to the prompt triggering a content policy.");

        assertThatThrownBy(() -> client(Map.of()).chat(ask("Hi"))).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("gpt-4o-mini").contains("content_filter")
                    .contains("The response was filtered due to the prompt triggering a content policy.");
        });
    }

    @Test
    void should_raise_a_retriable_error_when_the_server_does_not_answer_in_time() {
        azure.hang();

        assertThatThrownBy(() -> client(Map.of("LLM_TIMEOUT", "PT0.3S")).chat(ask("Hi")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retriable()).isTrue();
                });
    }

    @Test
    void should_raise_a_retriable_error_when_nothing_listens() {
        String endpoint = "http://127.0.0.1:" + FreePorts.next();
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", endpoint,
                "AZURE_OPENAI_API_KEY", "k", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt")));
        var client = new OpenAiLlmClient(OpenAiClients.create(settings), "gpt", Clock.systemUTC());

        assertThatThrownBy(() -> client.chat(ask("Hi"))).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.retriable()).isTrue());
    }

    @Test
    void should_send_an_entra_id_bearer_token_when_no_key_is_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(),
                "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o")));
        var client = OpenAiLlmClient.create(OpenAiClients.create(settings, () -> "entra-token-1"), settings);

        client.chat(ask("Hi"));

        assertThat(azure.lastRequest().header("authorization")).isEqualTo("Bearer entra-token-1");
        assertThat(azure.lastRequest().header("api-key")).isNull();
        assertThat(azure.lastRequest().path()).isEqualTo("/openai/v1/chat/completions");
    }

    @Test
    void should_send_a_bearer_key_to_the_base_url_when_another_openai_compatible_endpoint_is_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("OPENAI_BASE_URL", azure.endpoint() + "/v1/",
                "OPENAI_API_KEY", "sk-local", "AZURE_OPENAI_CHAT_DEPLOYMENT", "llama")));

        OpenAiLlmClient.create(OpenAiClients.create(settings), settings).chat(ask("Hi"));

        assertThat(azure.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(azure.lastRequest().header("authorization")).isEqualTo("Bearer sk-local");
        assertThat(azure.lastRequest().header("api-key")).isNull();
        assertThat(azure.lastRequest().body().path("model").asText()).isEqualTo("llama");
    }

    @Test
    void should_answer_from_an_openai_compatible_endpoint_that_takes_no_key_when_none_is_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("OPENAI_BASE_URL", azure.endpoint() + "/v1/",
                "AZURE_OPENAI_CHAT_DEPLOYMENT", "llama")));

        var answer = OpenAiLlmClient.create(OpenAiClients.create(settings), settings).chat(ask("Hi"));

        assertThat(settings.authentication()).isEqualTo(OpenAiSettings.Authentication.NONE);
        assertThat(answer.text()).isNotBlank();
        assertThat(azure.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(azure.lastRequest().header("authorization")).isEqualTo("Bearer " + OpenAiClients.NO_KEY);
        assertThat(azure.lastRequest().header("api-key")).isNull();
    }

    @Test
    void should_build_a_client_with_default_azure_credential_when_entra_id_is_chosen() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(),
                "AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000000")));

        assertThat(settings.authentication()).isEqualTo(OpenAiSettings.Authentication.ENTRA_ID);
        assertThat(OpenAiClients.create(settings)).isNotNull();
        assertThat(azure.requests()).as("no token is fetched before the first call").isEmpty();
        assertThat(com.azure.core.http.HttpClient.createDefault().getClass().getSimpleName())
                .as("azure-identity reaches Entra ID through the JDK HttpClient, not Netty").isEqualTo("JdkHttpClient");
    }

    @Test
    void should_send_images_as_data_url_content_parts_after_the_text_when_a_user_message_carries_images() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        client(Map.of()).chat(new ChatRequest(List.of(ChatMessage.system("You describe images."),
                ChatMessage.user("What is in this picture?", List.of(new ImagePart("image/png", png)))),
                List.of(), List.of(), 50, 0.0));

        JsonNode user = azure.lastRequest().body().path("messages").get(1);
        assertThat(user.path("role").asText()).isEqualTo("user");
        JsonNode parts = user.path("content");
        assertThat(parts.isArray()).isTrue();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("What is in this picture?");
        assertThat(parts.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(parts.get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png));
    }

    @Test
    void should_refuse_images_on_anything_but_a_user_message() {
        assertThatThrownBy(() -> new ChatMessage(ChatMessage.Role.SYSTEM, "x", List.of(), null,
                List.of(new ImagePart("image/png", new byte[] {1})))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImagePart("application/pdf", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
