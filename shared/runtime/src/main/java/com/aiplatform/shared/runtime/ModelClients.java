package com.aiplatform.shared.runtime;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpLlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.settings.Settings;
import com.azure.identity.AuthenticationUtil;
import com.azure.identity.DefaultAzureCredentialBuilder;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The one class here that names the model clients. {@code LLM_PROVIDER=azure_openai} is answered by the official
 * openai-java adapter in the apps that carry shared-openai (an optional dependency of this module: knowledge,
 * assistant and llm, which also use its embeddings), and by {@link OpenAiHttpLlmClient} (the same wire format,
 * tools and images included, over the JDK's HttpClient) in the others, so that research and the agent ship
 * without openai-java's ~75 MB. Both read the same {@link OpenAiSettings} and sit behind the same retries and circuit breaker.
 */
final class ModelClients {

    static final String OPENAI_ADAPTER = "com.aiplatform.shared.llm.openai.OpenAiLlmClient";

    private ModelClients() {
    }

    static void checkSettings(Settings.Reader read) {
        OpenAiSettings.read(read);
    }

    /** The model the OpenAI settings name, behind retries and a circuit breaker ({@link SharedAdapters#llm}). */
    static LlmClient chat(Settings settings) {
        OpenAiSettings openAi = OpenAiSettings.from(settings);
        LlmClient client = carriesOpenAiJava() ? openAiJava(openAi)
                : new OpenAiHttpLlmClient(HttpClient.newBuilder().connectTimeout(openAi.timeout()).build(), openAi,
                        openAi.authentication() == OpenAiSettings.Authentication.ENTRA_ID ? entraTokens(openAi) : null,
                        Clock.systemUTC());
        return ResilientLlmClient.wrap(client, ResilienceOptions.defaults("azure-openai-chat", openAi.timeout()));
    }

    /** A vision-capable {@code deployment} on the same endpoint, behind its own retries and breaker ({@link VisionModels}). */
    static LlmClient vision(OpenAiSettings openAi, String deployment, Clock clock) {
        return ResilientLlmClient.wrap(deployment(openAi, deployment, clock),
                ResilienceOptions.defaults("azure-openai-vision", openAi.timeout()));
    }

    /** A chat {@code deployment} through openai-java, with no retries of its own ({@link SharedAdapters#deployment}). */
    static LlmClient deployment(OpenAiSettings openAi, String deployment, Clock clock) {
        return new OpenAiLlmClient(OpenAiClients.create(openAi), deployment, clock);
    }

    /** Apart, so that only an app that carries openai-java ever resolves its classes. */
    private static LlmClient openAiJava(OpenAiSettings openAi) {
        return OpenAiLlmClient.create(OpenAiClients.create(openAi), openAi);
    }

    /** Whether this app's class path has the openai-java adapter (shared-openai). */
    static boolean carriesOpenAiJava() {
        return present(OPENAI_ADAPTER);
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, ModelClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static Supplier<String> entraTokens(OpenAiSettings settings) {
        var credential = new DefaultAzureCredentialBuilder();
        settings.managedIdentityClientId().ifPresent(id -> {
            credential.managedIdentityClientId(id);
            credential.workloadIdentityClientId(id);
        });
        return AuthenticationUtil.getBearerTokenSupplier(credential.build(), OpenAiSettings.ENTRA_SCOPE);
    }
}
