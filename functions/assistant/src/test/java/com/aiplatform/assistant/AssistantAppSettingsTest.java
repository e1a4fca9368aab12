package com.aiplatform.assistant;

import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistantAppSettingsTest {

    @Test
    void should_name_a_vision_deployment_without_endpoint_with_the_other_problems_when_offline() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "KNOWLEDGE_API_BASE_URL", "http://127.0.0.1:9",
                "ASSISTANT_VISION_DEPLOYMENT", "gpt-vision", "ASSISTANT_MAX_FILE_BYTES", "big",
                "EMBEDDING_PROVIDER", "word2vec"));

        assertThatThrownBy(() -> AssistantApp.create(settings, HostServices.azure()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder("ASSISTANT_MAX_FILE_BYTES must be an integer, not 'big'",
                                "AZURE_OPENAI_ENDPOINT is missing",
                                "EMBEDDING_PROVIDER must be one of [ONNX, AZURE_OPENAI], not 'word2vec'"));
    }
}
