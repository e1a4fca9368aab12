package com.aiplatform.shared.embedding.openai.http;

import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpEndpoint;
import com.aiplatform.shared.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embeddings request the JDK adapter puts on the wire and how it reads the answer, against a loopback server
 * that answers as Azure OpenAI's v1 API does: each input's vector is {@code [length, 0, ...]} scaled by 3, listed
 * in reverse order. Its port contract runs against the real llm app (local module,
 * {@code OpenAiHttpEmbedderContractTest}).
 */
class OpenAiHttpEmbedderTest {

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile int answeredDimensions = 4;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            byte[] body = (status == 200 ? answer(request)
                    : "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit reached\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private String answer(JsonNode request) {
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode data = answer.putArray("data");
        JsonNode inputs = request.get("input");
        long tokens = 0;
        for (int i = inputs.size() - 1; i >= 0; i--) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            vector.add(3.0 * inputs.get(i).asText().length());
            for (int d = 1; d < answeredDimensions; d++) {
                vector.add(d == 1 ? 4.0 * inputs.get(i).asText().length() : 0.0);
            }
            tokens += inputs.get(i).asText().length();
        }
        answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Json.write(answer);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenAiHttpEmbedder embedder(int batchSize, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                OpenAiSettings.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort(),
                OpenAiSettings.AZURE_API_KEY, "azure-key",
                OpenAiSettings.EMBEDDING_DEPLOYMENT, "text-embedding-3-small"));
        values.putAll(extra);
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(values));
        return new OpenAiHttpEmbedder(new OpenAiHttpEndpoint(HttpClient.newHttpClient(), settings, null,
                Clock.systemUTC()), settings.requireEmbeddingDeployment(), settings.embeddingDimensions(), batchSize);
    }

    @Test
    void should_send_batches_and_return_normalised_vectors_in_input_order_when_embedding() {
        Embeddings embeddings = embedder(2, Map.of(OpenAiSettings.EMBEDDING_DIMENSIONS, "4"))
                .embed(List.of("a", "bbb", "cc"));

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(requests.get(0).get("input")).hasSize(2);
        assertThat(requests.get(0).get("encoding_format").asText()).isEqualTo("float");
        assertThat(requests.get(0).get("dimensions").asInt()).isEqualTo(4);
        assertThat(embeddings.vectors()).hasSize(3).allSatisfy(v -> assertThat(v).containsExactly(0.6f, 0.8f, 0f, 0f));
        assertThat(embeddings.inputTokens()).isEqualTo(6);
    }

    @Test
    void should_not_send_dimensions_and_expect_1536_when_none_are_configured() {
        answeredDimensions = OpenAiSettings.DEFAULT_EMBEDDING_DIMENSIONS;

        Embeddings embeddings = embedder(64, Map.of()).embed(List.of("one"));

        assertThat(requests.get(0).has("dimensions")).isFalse();
        assertThat(embeddings.vectors().get(0)).hasSize(OpenAiSettings.DEFAULT_EMBEDDING_DIMENSIONS);
    }

    @Test
    void should_fail_without_retry_naming_the_setting_when_the_deployment_returns_other_dimensions() {
        assertThatThrownBy(() -> embedder(64, Map.of(OpenAiSettings.EMBEDDING_DIMENSIONS, "8")).embed(List.of("x")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("4 dimensions, not 8", OpenAiSettings.EMBEDDING_DIMENSIONS);
                });
    }

    @Test
    void should_fail_retriably_when_throttled() {
        status = 429;

        assertThatThrownBy(() -> embedder(64, Map.of()).embed(List.of("x")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("Embeddings on text-embedding-3-small", "Rate limit reached");
                });
    }

    @Test
    void should_cut_each_input_to_32000_characters_when_it_is_longer() {
        embedder(64, Map.of(OpenAiSettings.EMBEDDING_DIMENSIONS, "4")).embed(List.of("word ".repeat(10_000), "short"));

        assertThat(requests.get(0).get("input").get(0).asText()).hasSize(OpenAiHttpEmbedder.MAX_INPUT_CHARACTERS);
        assertThat(requests.get(0).get("input").get(1).asText()).isEqualTo("short");
    }

    @Test
    void should_send_nothing_when_there_is_nothing_to_embed() {
        assertThat(embedder(64, Map.of()).embed(List.of()).vectors()).isEmpty();
        assertThat(requests).isEmpty();
    }
}
