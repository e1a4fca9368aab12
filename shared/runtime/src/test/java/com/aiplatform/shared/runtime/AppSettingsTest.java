package com.aiplatform.shared.runtime;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSettingsTest {

    private static final String AZURITE = "UseDevelopmentStorage=true";

    @Test
    void should_name_the_problems_of_every_group_at_once_when_several_groups_are_wrong() {
        Settings settings = Settings.of(Map.of(
                "LLM_PROVIDER", "azure_openai",
                "EVENT_PUBLISHER", "eventgrid",
                "ONNX_EMBEDDING_VARIANT", "fp16",
                "PLATFORM_API_TIMEOUT", "soon"));

        assertThatThrownBy(() -> AppSettings.check(settings, Embedders::checkSettings, SharedAdapters.SETTINGS,
                read -> read.integer("APP_LIMIT", 1), read -> read.problem("APP_RULE broken")))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anyMatch(p -> p.startsWith("AzureWebJobsStorage is missing"))
                        .contains("EVENT_GRID_TOPIC_ENDPOINT is missing", "AZURE_OPENAI_ENDPOINT is missing",
                                "ONNX_EMBEDDING_VARIANT must be fp32 or int8, not 'fp16'", "APP_RULE broken")
                        .anyMatch(p -> p.startsWith("PLATFORM_API_TIMEOUT must be an ISO-8601 duration")));
    }

    @Test
    void should_name_two_wrong_choices_together_when_they_are_in_two_groups() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", AZURITE,
                "VECTOR_STORE", "pinecone",
                "EMBEDDING_PROVIDER", "word2vec",
                "ASSISTANT_VISION_DEPLOYMENT", "gpt-vision"));

        assertThatThrownBy(() -> AppSettings.check(settings, VectorStores.settings("knowledge"),
                Embedders::checkSettings, VisionModels::checkSettings, SharedAdapters.SETTINGS))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder("VECTOR_STORE must be one of [LUCENE, QDRANT], not 'pinecone'",
                                "EMBEDDING_PROVIDER must be one of [ONNX, AZURE_OPENAI], not 'word2vec'",
                                "AZURE_OPENAI_ENDPOINT is missing"));
    }

    @Test
    void should_name_a_key_once_when_two_groups_read_it() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", AZURITE, "LLM_PROVIDER", "gpt"));

        assertThatThrownBy(() -> AppSettings.check(settings, SharedAdapters.SETTINGS))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("LLM_PROVIDER must be one of"));
    }

    @Test
    void should_pass_when_the_settings_are_complete() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", AZURITE, "LLM_PROVIDER", "azure_openai",
                "AZURE_OPENAI_ENDPOINT", "https://example.openai.azure.com", "EVENT_PUBLISHER", "eventgrid",
                "EVENT_GRID_TOPIC_ENDPOINT", "https://topic.example", "ONNX_EMBEDDING_MODEL", "bge-small-en-v1.5"));

        assertThatCode(() -> AppSettings.check(settings, Embedders::checkSettings, SharedAdapters.SETTINGS))
                .doesNotThrowAnyException();
    }

    @Test
    void should_ask_for_the_missing_service_uris_when_storage_uses_a_managed_identity() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage__blobServiceUri", "https://a.blob.core.windows.net"));

        assertThatThrownBy(() -> AppSettings.check(settings))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("AzureWebJobsStorage__queueServiceUri is missing",
                                "AzureWebJobsStorage__tableServiceUri is missing"));
    }
}
