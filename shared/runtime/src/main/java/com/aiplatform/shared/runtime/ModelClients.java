package com.aiplatform.shared.runtime;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.settings.Settings;

/**
 * The one class here that names the OpenAI adapter. shared-openai (with openai-java, ~75 MB) is an optional
 * dependency of this module: only the apps that call a model depend on it and reach this class, through
 * {@link SharedAdapters#llm}, so the platform app packages no model client.
 */
final class ModelClients {

    private ModelClients() {
    }

    static void checkSettings(Settings.Reader read) {
        OpenAiSettings.read(read);
    }

    static LlmClient chat(RuntimeSettings runtime, Settings settings) {
        if (runtime.llm() == RuntimeSettings.LlmBackend.AZURE_OPENAI) {
            OpenAiSettings openAi = OpenAiSettings.from(settings);
            return ResilientLlmClient.wrap(OpenAiLlmClient.create(OpenAiClients.create(openAi), openAi),
                    ResilienceOptions.defaults("azure-openai-chat", openAi.timeout()));
        }
        return new ExtractiveLlmClient();
    }
}
