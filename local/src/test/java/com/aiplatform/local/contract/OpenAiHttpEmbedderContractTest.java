package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.openai.http.OpenAiHttpEmbedder;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpEndpoint;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.contract.EmbedderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK-HttpClient embeddings adapter that knowledge and the assistant run with
 * {@code EMBEDDING_PROVIDER=azure_openai} (they carry no openai-java), against the real llm app through the local
 * gateway, a subscription key as the bearer token: it passes the {@link Embedder} port's contract there, and a
 * key the gateway refuses is a non-retriable 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiHttpEmbedderContractTest extends EmbedderContract {

    private RunningPlatform platform;

    @AfterAll
    void stop() {
        platform.close();
    }

    /** Starts the platform here: the contract opens its embedder before this class's own {@code @BeforeAll}. */
    @Override
    protected Embedder openEmbedder() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "llm")).build().start();
        return embedder(platform.developmentKey().orElseThrow());
    }

    private OpenAiHttpEmbedder embedder(String key) {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                OpenAiSettings.BASE_URL, platform.baseUrl() + "/api/v1/llm/v1",
                OpenAiSettings.OPENAI_API_KEY, key,
                OpenAiSettings.EMBEDDING_DEPLOYMENT, "all-minilm-l6-v2",
                OpenAiSettings.EMBEDDING_DIMENSIONS, "384")));
        return OpenAiHttpEmbedder.create(new OpenAiHttpEndpoint(HttpClient.newHttpClient(), settings, null,
                Clock.systemUTC()), settings);
    }

    @Test
    void should_fail_without_retry_when_the_gateway_refuses_the_key() {
        assertThatThrownBy(() -> embedder("not-a-key").embed(List.of("Express delivery takes two days.")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retriable()).isFalse();
                });
    }
}
