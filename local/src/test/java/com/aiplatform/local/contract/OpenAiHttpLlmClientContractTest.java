package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpLlmClient;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.contract.LlmClientContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK-HttpClient model adapter that research runs (it carries no openai-java), against the real llm app
 * through the local gateway, the way an official OpenAI client reaches it: its base URL and a subscription key as
 * the bearer token. It passes the port's contract there, and a key the gateway refuses is a non-retriable 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiHttpLlmClientContractTest extends LlmClientContract {

    private RunningPlatform platform;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "llm")).build().start();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Override
    protected LlmClient openClient() {
        return client(platform.developmentKey().orElseThrow());
    }

    private OpenAiHttpLlmClient client(String key) {
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of(
                OpenAiSettings.BASE_URL, platform.baseUrl() + "/api/v1/llm/v1",
                OpenAiSettings.OPENAI_API_KEY, key,
                OpenAiSettings.CHAT_DEPLOYMENT, "extractive-offline")));
        return new OpenAiHttpLlmClient(HttpClient.newHttpClient(), settings, null, Clock.systemUTC());
    }

    @Test
    void should_fail_without_retry_when_the_gateway_refuses_the_key() {
        assertThatThrownBy(() -> client("not-a-key").chat(grounded("How long does express shipping take?", HANDBOOK)))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retriable()).isFalse();
                });
    }
}
