package com.aiplatform.shared.runtime;

import com.aiplatform.shared.http.LazyHttpClient;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpEndpoint;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpLlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.resilience.ResilienceOptions;
import com.aiplatform.shared.settings.Settings;
import com.azure.identity.AuthenticationUtil;
import com.azure.identity.DefaultAzureCredentialBuilder;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The one class here that names the model clients. {@code LLM_PROVIDER=azure_openai} is answered by the official
 * openai-java adapter in the one app that carries shared-openai (an optional dependency of this module: the llm
 * app, the model pool), and by {@link OpenAiHttpLlmClient} (the same wire format, tools and images included, over
 * the JDK's HttpClient) in the others, so that knowledge, the assistant, research and the agent ship without
 * openai-java's ~75 MB. Both chat clients read the same {@link OpenAiSettings} and sit behind the same retries and
 * circuit breaker; the embeddings clients ({@link Embedders}) are chosen the same way.
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
        return chat(openAi, openAi.requireChatDeployment(), "azure-openai-chat");
    }

    /** {@code deployment} on the settings' endpoint, behind retries and a circuit breaker named {@code name}. */
    static LlmClient chat(OpenAiSettings openAi, String deployment, String name) {
        LlmClient client = carriesOpenAiJava() ? openAiJava(openAi, deployment)
                : new OpenAiHttpLlmClient(endpoint(openAi), deployment);
        return ResilientLlmClient.wrap(client, ResilienceOptions.defaults(name, openAi.timeout()));
    }

    /** The JDK-HttpClient endpoint of the settings, with Entra ID tokens when they choose Entra ID. */
    static OpenAiHttpEndpoint endpoint(OpenAiSettings openAi) {
        return new OpenAiHttpEndpoint(LazyHttpClient.withConnectTimeout(openAi.timeout()), openAi,
                openAi.authentication() == OpenAiSettings.Authentication.ENTRA_ID ? entraTokens(openAi) : null,
                Clock.systemUTC());
    }

    /** A vision-capable {@code deployment} on the same endpoint, behind its own retries and breaker ({@link VisionModels}). */
    static LlmClient vision(OpenAiSettings openAi, String deployment, Clock clock) {
        return chat(openAi, deployment, "azure-openai-vision");
    }

    /** A chat {@code deployment} through openai-java, with no retries of its own ({@link SharedAdapters#deployment}). */
    static LlmClient deployment(OpenAiSettings openAi, String deployment, Clock clock) {
        return new OpenAiLlmClient(OpenAiClients.create(openAi), deployment, clock);
    }

    /** Apart, so that only an app that carries openai-java ever resolves its classes. */
    private static LlmClient openAiJava(OpenAiSettings openAi, String deployment) {
        return new OpenAiLlmClient(OpenAiClients.create(openAi), deployment, Clock.systemUTC());
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
