package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiSettingsTest {

    @Test
    void should_use_the_azure_v1_path_and_the_api_key_when_endpoint_and_key_are_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com/", "AZURE_OPENAI_API_KEY", "secret",
                "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini", "AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "emb",
                "AZURE_OPENAI_EMBEDDING_DIMENSIONS", "256", "LLM_TIMEOUT", "PT45S")));

        assertThat(settings.baseUrl()).isEqualTo("https://x.openai.azure.com/openai/v1");
        assertThat(settings.authentication()).isEqualTo(OpenAiSettings.Authentication.AZURE_API_KEY);
        assertThat(settings.requireChatDeployment()).isEqualTo("gpt-4o-mini");
        assertThat(settings.requireEmbeddingDeployment()).isEqualTo("emb");
        assertThat(settings.embeddingDimensions()).isEqualTo(OptionalInt.of(256));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void should_use_entra_id_with_the_managed_identity_when_no_key_is_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com/openai/v1", "AZURE_CLIENT_ID", "mi-client")));

        assertThat(settings.baseUrl()).isEqualTo("https://x.openai.azure.com/openai/v1");
        assertThat(settings.authentication()).isEqualTo(OpenAiSettings.Authentication.ENTRA_ID);
        assertThat(settings.managedIdentityClientId()).contains("mi-client");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.embeddingDimensions()).isEmpty();
    }

    @Test
    void should_prefer_the_openai_base_url_when_both_are_set() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com", "AZURE_OPENAI_API_KEY", "azure",
                "OPENAI_BASE_URL", "http://localhost:11434/v1")));

        assertThat(settings.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(settings.authentication()).isEqualTo(OpenAiSettings.Authentication.NONE);
    }

    @Test
    void should_name_every_problem_when_settings_are_missing_or_malformed() {
        assertThatThrownBy(() -> OpenAiSettings.from(Settings.of(Map.of("LLM_TIMEOUT", "30 seconds",
                "AZURE_OPENAI_EMBEDDING_DIMENSIONS", "many"))))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "AZURE_OPENAI_ENDPOINT is missing",
                        "AZURE_OPENAI_EMBEDDING_DIMENSIONS must be an integer, not 'many'",
                        "LLM_TIMEOUT must be an ISO-8601 duration such as PT30S, not '30 seconds'"));
        assertThatThrownBy(() -> OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", "x.openai.azure.com"))))
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT must be an http(s) URL");
    }

    @Test
    void should_name_the_deployment_key_when_an_adapter_needs_a_missing_deployment() {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com")));

        assertThatThrownBy(settings::requireChatDeployment).hasMessageContaining("AZURE_OPENAI_CHAT_DEPLOYMENT is missing");
        assertThatThrownBy(settings::requireEmbeddingDeployment)
                .hasMessageContaining("AZURE_OPENAI_EMBEDDING_DEPLOYMENT is missing");
    }
}
