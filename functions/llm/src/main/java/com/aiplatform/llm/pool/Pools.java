package com.aiplatform.llm.pool;

import com.aiplatform.llm.chat.ConversationSourcesLlmClient;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.resilience.CircuitBreakerPolicy;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.text.TokenCounter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the pool the settings name: every {@code LLM_BACKENDS} deployment through the OpenAI adapter; without
 * it, the one model {@code LLM_PROVIDER} names (Azure OpenAI, or offline the extractive method, which answers
 * from the conversation itself and says so in every answer).
 */
public final class Pools {

    private Pools() {
    }

    /** {@code tokens} counts the offline method's usage: the counter the budget's estimates use, so they agree. */
    public static BackendPool fromSettings(PoolOptions config, RuntimeSettings runtime, Settings settings,
                                           TokenCounter tokens, Clock clock) {
        CircuitBreakerPolicy breaker = new CircuitBreakerPolicy(Math.max(10, 2 * config.breakerMinimumCalls()),
                config.breakerMinimumCalls(), 50f, config.breakerOpenDuration(), 1);
        // No attempt timeout of the member's own: the OpenAI client's LLM_TIMEOUT bounds each call.
        List<PoolMember> members = new ArrayList<>();
        if (!config.backends().isEmpty()) {
            Duration timeout = settings.reader().duration(OpenAiSettings.TIMEOUT, OpenAiSettings.DEFAULT_TIMEOUT);
            for (BackendSpec spec : config.backends()) {
                OpenAiSettings openAi = openAiSettings(spec, settings, timeout);
                members.add(new PoolMember(spec.name(), spec.priority(), spec.weight(),
                        SharedAdapters.deployment(openAi, spec.deployment(), clock), breaker,
                        Duration.ZERO, clock));
            }
            return new BackendPool(config.chatModelId().orElse(config.backends().get(0).deployment()), members,
                    bound -> ThreadLocalRandom.current().nextInt(bound));
        }
        LlmClient single = SharedAdapters.llm(runtime, settings,
                () -> new ConversationSourcesLlmClient(new ExtractiveLlmClient(tokens), tokens));
        members.add(new PoolMember(SharedAdapters.offlineOr(runtime, () -> "extractive-offline", () -> "azure-openai"),
                1, 1, single, breaker, Duration.ZERO, clock));
        return new BackendPool(config.chatModelId().orElse(single.modelName()), members, bound -> 0);
    }

    private static OpenAiSettings openAiSettings(BackendSpec spec, Settings settings, Duration timeout) {
        Optional<String> key = spec.apiKeySetting().flatMap(settings::get).filter(k -> !k.isBlank());
        OpenAiSettings.Authentication auth = switch (spec.auth()) {
            case "azure_api_key" -> OpenAiSettings.Authentication.AZURE_API_KEY;
            case "bearer" -> OpenAiSettings.Authentication.BEARER_API_KEY;
            case "entra_id" -> OpenAiSettings.Authentication.ENTRA_ID;
            default -> OpenAiSettings.Authentication.NONE;
        };
        if ((auth == OpenAiSettings.Authentication.AZURE_API_KEY || auth == OpenAiSettings.Authentication.BEARER_API_KEY)
                && key.isEmpty()) {
            throw new MissingSettingsException(List.of("LLM_BACKENDS[" + spec.name() + "]: the setting "
                    + spec.apiKeySetting().orElse("?") + " holds no key"));
        }
        return new OpenAiSettings(spec.baseUrl(), auth, key, settings.get(OpenAiSettings.CLIENT_ID),
                Optional.of(spec.deployment()), Optional.empty(), OptionalInt.empty(), timeout);
    }
}
