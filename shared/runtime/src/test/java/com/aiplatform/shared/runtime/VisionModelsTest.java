package com.aiplatform.shared.runtime;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisionModelsTest {

    @Test
    void should_have_no_vision_model_when_no_deployment_is_named() {
        assertThat(VisionModels.fromSettings(Settings.of(Map.of("ASSISTANT_VISION_DEPLOYMENT", " ")),
                Clock.systemUTC())).isEmpty();
    }

    @Test
    void should_call_the_named_deployment_behind_retries_when_one_is_named() {
        Optional<LlmClient> vision = VisionModels.fromSettings(Settings.of(Map.of("ASSISTANT_VISION_DEPLOYMENT",
                "gpt-vision", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-chat")),
                Clock.systemUTC());

        assertThat(vision).get().isInstanceOf(ResilientLlmClient.class)
                .extracting(LlmClient::modelName).isEqualTo("gpt-vision");
    }

    @Test
    void should_name_the_missing_endpoint_when_a_deployment_is_named_offline() {
        assertThatThrownBy(() -> VisionModels.fromSettings(Settings.of(Map.of("ASSISTANT_VISION_DEPLOYMENT",
                "gpt-vision", "LLM_PROVIDER", "extractive")), Clock.systemUTC()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("AZURE_OPENAI_ENDPOINT is missing"));
    }
}
