package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.embedding.openai.OpenAiEmbedder;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.contract.LlmClientContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract against a real Azure OpenAI deployment, through the resilience decorator as in production.
 * Runs only when {@code AZURE_OPENAI_ENDPOINT} is set (with {@code AZURE_OPENAI_CHAT_DEPLOYMENT}, and a key or
 * an Entra ID sign-in); skipped otherwise.
 */
class LiveAzureOpenAiTest extends LlmClientContract {

    private static Settings environment() {
        Settings settings = Settings.fromEnvironment();
        assumeTrue(settings.get(OpenAiSettings.ENDPOINT).isPresent(), "AZURE_OPENAI_ENDPOINT is not set");
        return settings;
    }

    @Override
    protected LlmClient openClient() {
        OpenAiSettings settings = OpenAiSettings.from(environment());
        var adapter = OpenAiLlmClient.create(OpenAiClients.create(settings), settings);
        return ResilientLlmClient.wrap(adapter, ResilienceOptions.defaults("azure-openai", settings.timeout()));
    }

    @Test
    void should_embed_into_unit_vectors_when_an_embedding_deployment_is_set() {
        OpenAiSettings settings = OpenAiSettings.from(environment());
        assumeTrue(settings.embeddingDeployment().isPresent(), "AZURE_OPENAI_EMBEDDING_DEPLOYMENT is not set");
        var embedder = OpenAiEmbedder.create(OpenAiClients.create(settings), settings);

        var embeddings = embedder.embed(List.of("refund policy", "shipping times"));

        assertThat(embeddings.vectors()).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(embedder.model().dimensions()));
        assertThat(embeddings.inputTokens()).isPositive();
    }
}
