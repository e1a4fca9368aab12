package com.aiplatform.shared.llm.openai;

import com.azure.identity.AuthenticationUtil;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.credential.BearerTokenCredential;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the openai-java client from {@link OpenAiSettings}. Build one per process and share it between the
 * chat and embedding adapters: it holds the connection pool.
 *
 * <p>openai-java's own retries are switched off ({@code maxRetries(0)}): the resilience decorator is the one
 * layer that retries, and two layers would multiply the attempts. Against Azure the base URL ends in
 * {@code /openai/v1}, which openai-java treats as Azure's v1 API: deployments are passed as the model and no
 * {@code api-version} is added.
 */
public final class OpenAiClients {

    /** The Entra ID scope of Azure OpenAI (Cognitive Services). */
    public static final String ENTRA_SCOPE = OpenAiSettings.ENTRA_SCOPE;

    private OpenAiClients() {
    }

    public static OpenAIClient create(OpenAiSettings settings) {
        return build(settings, settings.authentication() == OpenAiSettings.Authentication.ENTRA_ID
                ? entraTokens(settings) : null);
    }

    /**
     * As {@link #create(OpenAiSettings)}, with Entra ID tokens from {@code entraTokens} instead of
     * {@code DefaultAzureCredential} (used only when the settings choose {@code ENTRA_ID}).
     */
    public static OpenAIClient create(OpenAiSettings settings, Supplier<String> entraTokens) {
        return build(settings, Objects.requireNonNull(entraTokens, "entraTokens"));
    }

    /** What a backend without authentication is sent as its key. */
    static final String NO_KEY = "none";

    private static OpenAIClient build(OpenAiSettings settings, Supplier<String> entraTokens) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(settings.baseUrl())
                .maxRetries(0)
                .timeout(settings.timeout());
        switch (settings.authentication()) {
            case AZURE_API_KEY -> builder.credential(AzureApiKeyCredential.create(settings.apiKey().orElseThrow()));
            case BEARER_API_KEY -> builder.apiKey(settings.apiKey().orElseThrow());
            case ENTRA_ID -> builder.credential(BearerTokenCredential.create(entraTokens));
            // openai-java refuses every request without a key; a backend that takes none ignores this placeholder,
            // as vLLM-style servers do the "EMPTY" key clients are told to send them.
            case NONE -> builder.apiKey(NO_KEY);
        }
        return builder.build();
    }

    private static Supplier<String> entraTokens(OpenAiSettings settings) {
        var credential = new DefaultAzureCredentialBuilder();
        settings.managedIdentityClientId().ifPresent(id -> {
            credential.managedIdentityClientId(id);
            credential.workloadIdentityClientId(id);
        });
        return AuthenticationUtil.getBearerTokenSupplier(credential.build(), ENTRA_SCOPE);
    }
}
