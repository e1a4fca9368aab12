package com.aiplatform.agent;

import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentAppSettingsTest {

    @Test
    void should_name_the_shared_model_choice_with_the_agent_settings_when_both_are_wrong() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "KNOWLEDGE_API_BASE_URL", "http://127.0.0.1:9",
                "AGENT_MAX_TOOL_ROUNDS", "0", "ONNX_EMBEDDING_VARIANT", "fp16"));

        assertThatThrownBy(() -> AgentApp.create(settings, HostServices.azure()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder("AGENT_MAX_TOOL_ROUNDS must be between 1 and 10, not 0",
                                "ONNX_EMBEDDING_VARIANT must be fp32 or int8, not 'fp16'"));
    }

    @Test
    void should_name_the_deprecated_variant_when_it_is_wrong_and_the_shared_one_is_unset() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "KNOWLEDGE_API_BASE_URL", "http://127.0.0.1:9",
                "AGENT_ONNX_VARIANT", "fp16"));

        assertThatThrownBy(() -> AgentApp.create(settings, HostServices.azure()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .contains("AGENT_ONNX_VARIANT must be int8 or fp32"));
    }
}
