package com.aiplatform.shared.runtime;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline choice: the one place that decides between the model and each app's method without one. */
class SharedAdaptersTest {

    private static final Settings MODEL = Settings.of(Map.of("LLM_PROVIDER", "azure_openai",
            "OPENAI_BASE_URL", "http://127.0.0.1:9/v1", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-chat"));

    @Test
    void should_answer_with_the_extractive_method_when_no_provider_is_set() {
        Settings offline = Settings.of(Map.of());

        assertThat(SharedAdapters.llm(RuntimeSettings.from(offline), offline)).isInstanceOf(ExtractiveLlmClient.class);
    }

    @Test
    void should_answer_with_the_app_offline_method_when_the_provider_is_extractive() {
        Settings offline = Settings.of(Map.of("LLM_PROVIDER", "extractive"));
        LlmClient router = new ExtractiveLlmClient();

        assertThat(SharedAdapters.llm(RuntimeSettings.from(offline), offline, () -> router)).isSameAs(router);
        assertThat(SharedAdapters.offlineOr(RuntimeSettings.from(offline), () -> "offline", () -> "model"))
                .isEqualTo("offline");
    }

    @Test
    void should_call_the_model_behind_retries_when_the_provider_is_azure_openai() {
        LlmClient llm = SharedAdapters.llm(RuntimeSettings.from(MODEL), MODEL, () -> {
            throw new AssertionError("the offline method must not be built when a model answers");
        });

        assertThat(llm).isInstanceOf(ResilientLlmClient.class);
        assertThat(llm.modelName()).isEqualTo("gpt-chat");
        assertThat(SharedAdapters.offlineOr(RuntimeSettings.from(MODEL), () -> "offline", () -> "model"))
                .isEqualTo("model");
    }

    @Test
    void should_build_a_client_without_retries_on_the_named_deployment_when_a_pool_asks_for_one() {
        LlmClient member = SharedAdapters.deployment(OpenAiSettings.from(MODEL), "gpt-backup", Clock.systemUTC());

        assertThat(member).isInstanceOf(OpenAiLlmClient.class);
        assertThat(member.modelName()).isEqualTo("gpt-backup");
    }
}
