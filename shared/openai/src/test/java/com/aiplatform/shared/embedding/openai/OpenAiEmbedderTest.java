package com.aiplatform.shared.embedding.openai;

import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.FakeAzureOpenAi;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiEmbedderTest {

    private final FakeAzureOpenAi azure = FakeAzureOpenAi.start();

    @AfterEach
    void stop() {
        azure.close();
    }

    private OpenAiSettings settings(Map<String, String> extra) {
        var values = new HashMap<>(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(), "AZURE_OPENAI_API_KEY", "emb-key",
                "AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "text-embedding-3-small"));
        values.putAll(extra);
        return OpenAiSettings.from(Settings.of(values));
    }

    @Test
    void should_embed_in_batches_keep_input_order_and_sum_tokens_when_given_many_texts() {
        OpenAiSettings settings = settings(Map.of("AZURE_OPENAI_EMBEDDING_DIMENSIONS", "8"));
        var embedder = new OpenAiEmbedder(OpenAiClients.create(settings), "text-embedding-3-small",
                settings.embeddingDimensions(), 2, Clock.systemUTC());
        List<String> texts = List.of("alpha beta", "gamma", "delta epsilon zeta", "eta", "theta");

        Embeddings embeddings = embedder.embed(texts);

        assertThat(azure.requests().size()).isEqualTo(3);
        assertThat(embeddings.vectors()).hasSize(5);
        assertThat(embeddings.inputTokens()).isEqualTo(8);
        assertThat(embeddings.vectors().get(2)).containsExactly(embedder.embed("delta epsilon zeta"));
        for (float[] vector : embeddings.vectors()) {
            assertThat(vector).hasSize(8);
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        JsonNode sent = azure.lastRequest().body();
        assertThat(azure.lastRequest().path()).isEqualTo("/openai/v1/embeddings");
        assertThat(azure.lastRequest().header("api-key")).isEqualTo("emb-key");
        assertThat(sent.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.path("dimensions").asInt()).isEqualTo(8);
        assertThat(sent.path("encoding_format").asText()).isEqualTo("float");
        assertThat(embedder.model().dimensions()).isEqualTo(8);
        assertThat(embedder.model().name()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void should_not_send_dimensions_and_expect_1536_when_none_are_configured() {
        OpenAiSettings settings = settings(Map.of());
        var embedder = OpenAiEmbedder.create(OpenAiClients.create(settings), settings);

        float[] vector = embedder.embed("one text");

        assertThat(vector).hasSize(1536);
        assertThat(azure.lastRequest().body().has("dimensions")).isFalse();
        assertThat(embedder.model().maxInputTokens()).isEqualTo(8191);
    }

    @Test
    void should_fail_clearly_when_the_model_returns_another_vector_size() {
        OpenAiSettings settings = settings(Map.of());
        var embedder = new OpenAiEmbedder(OpenAiClients.create(settings), "text-embedding-3-small", OptionalInt.empty(),
                16, Clock.systemUTC());
        azure.embeddingsOfSize(4);

        assertThatThrownBy(() -> embedder.embed("text")).isInstanceOf(LlmException.class)
                .hasMessageContaining("returned 4 dimensions, not 1536")
                .hasMessageContaining("AZURE_OPENAI_EMBEDDING_DIMENSIONS");
    }

    @Test
    void should_map_throttling_to_a_retriable_error_when_embedding() {
        OpenAiSettings settings = settings(Map.of());
        azure.throttle("4");

        assertThatThrownBy(() -> OpenAiEmbedder.create(OpenAiClients.create(settings), settings).embed("x"))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(4));
                });
    }

    @Test
    void should_make_no_call_when_there_is_nothing_to_embed() {
        OpenAiSettings settings = settings(Map.of());

        assertThat(OpenAiEmbedder.create(OpenAiClients.create(settings), settings).embed(List.of()).vectors()).isEmpty();
        assertThat(azure.requests().size()).isZero();
    }
}
