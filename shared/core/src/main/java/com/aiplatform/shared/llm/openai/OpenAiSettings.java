package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the model lives and how to sign in, read once from settings.
 *
 * <ul>
 *   <li>{@code AZURE_OPENAI_ENDPOINT} (e.g. {@code https://x.openai.azure.com}): Azure OpenAI through its v1
 *       API at {@code <endpoint>/openai/v1}. With {@code AZURE_OPENAI_API_KEY} the key goes in the
 *       {@code api-key} header; without it, Microsoft Entra ID tokens come from {@code DefaultAzureCredential}
 *       (managed identity {@code AZURE_CLIENT_ID} when set).</li>
 *   <li>{@code OPENAI_BASE_URL}: any other OpenAI-compatible endpoint, used as given, with
 *       {@code OPENAI_API_KEY} as a bearer token when set. Wins over {@code AZURE_OPENAI_ENDPOINT}.</li>
 *   <li>{@code AZURE_OPENAI_CHAT_DEPLOYMENT}, {@code AZURE_OPENAI_EMBEDDING_DEPLOYMENT}: the deployment (model)
 *       names; each adapter requires only its own.</li>
 *   <li>{@code AZURE_OPENAI_EMBEDDING_DIMENSIONS}: sent to the embeddings API only when set; 1536 otherwise.</li>
 *   <li>{@code LLM_TIMEOUT}: ISO-8601 limit for one HTTP call, default {@code PT30S}.</li>
 * </ul>
 */
public record OpenAiSettings(String baseUrl, Authentication authentication, Optional<String> apiKey,
                             Optional<String> managedIdentityClientId, Optional<String> chatDeployment,
                             Optional<String> embeddingDeployment, OptionalInt embeddingDimensions,
                             Duration timeout) {

    public static final String ENDPOINT = "AZURE_OPENAI_ENDPOINT";
    public static final String BASE_URL = "OPENAI_BASE_URL";
    public static final String AZURE_API_KEY = "AZURE_OPENAI_API_KEY";
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String CHAT_DEPLOYMENT = "AZURE_OPENAI_CHAT_DEPLOYMENT";
    public static final String EMBEDDING_DEPLOYMENT = "AZURE_OPENAI_EMBEDDING_DEPLOYMENT";
    public static final String EMBEDDING_DIMENSIONS = "AZURE_OPENAI_EMBEDDING_DIMENSIONS";
    public static final String TIMEOUT = "LLM_TIMEOUT";
    /** The Entra ID scope of Azure OpenAI (Cognitive Services). */
    public static final String ENTRA_SCOPE = "https://cognitiveservices.azure.com/.default";

    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 1536;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How requests are signed. */
    public enum Authentication {
        /** Azure key in the {@code api-key} header. */
        AZURE_API_KEY,
        /** OpenAI-style key as {@code Authorization: Bearer}. */
        BEARER_API_KEY,
        /** Microsoft Entra ID token (managed identity, workload identity, Azure CLI...) as a bearer token. */
        ENTRA_ID,
        /** Nothing: a local OpenAI-compatible server that needs no key. */
        NONE
    }

    public static OpenAiSettings from(Settings settings) {
        Settings.Reader reader = settings.reader();
        OpenAiSettings result = read(reader);
        reader.validate();
        return result;
    }

    /** Reads these settings into {@code reader}, which collects their problems (see {@link Settings#validate}). */
    public static OpenAiSettings read(Settings.Reader reader) {
        Optional<String> baseUrlSetting = reader.optional(BASE_URL);
        Optional<String> endpoint = reader.optional(ENDPOINT);
        String baseUrl = "";
        Authentication authentication = Authentication.NONE;
        Optional<String> apiKey = Optional.empty();
        if (baseUrlSetting.isPresent()) {
            baseUrl = trimSlashes(baseUrlSetting.get());
            apiKey = reader.optional(OPENAI_API_KEY);
            authentication = apiKey.isPresent() ? Authentication.BEARER_API_KEY : Authentication.NONE;
        } else if (endpoint.isPresent()) {
            baseUrl = trimSlashes(endpoint.get());
            if (!baseUrl.toLowerCase(Locale.ROOT).endsWith("/openai/v1")) {
                baseUrl = baseUrl + "/openai/v1";
            }
            apiKey = reader.optional(AZURE_API_KEY);
            authentication = apiKey.isPresent() ? Authentication.AZURE_API_KEY : Authentication.ENTRA_ID;
        } else {
            reader.required(ENDPOINT);
        }
        OptionalInt dimensions = reader.optional(EMBEDDING_DIMENSIONS).isPresent()
                ? OptionalInt.of(reader.integer(EMBEDDING_DIMENSIONS, DEFAULT_EMBEDDING_DIMENSIONS))
                : OptionalInt.empty();
        Duration timeout = reader.duration(TIMEOUT, DEFAULT_TIMEOUT);
        List<String> problems = new java.util.ArrayList<>();
        if ((baseUrlSetting.isPresent() || endpoint.isPresent()) && !isHttpUrl(baseUrl)) {
            problems.add((baseUrlSetting.isPresent() ? BASE_URL : ENDPOINT) + " must be an http(s) URL, not '"
                    + baseUrl + "'");
        }
        if (dimensions.isPresent() && dimensions.getAsInt() < 1) {
            problems.add(EMBEDDING_DIMENSIONS + " must be positive");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add(TIMEOUT + " must be a positive duration");
        }
        problems.forEach(reader::problem);
        return new OpenAiSettings(baseUrl, authentication, apiKey, reader.optional(CLIENT_ID),
                reader.optional(CHAT_DEPLOYMENT), reader.optional(EMBEDDING_DEPLOYMENT), dimensions, timeout);
    }

    public String requireChatDeployment() {
        return chatDeployment.orElseThrow(() -> new MissingSettingsException(List.of(CHAT_DEPLOYMENT + " is missing")));
    }

    public String requireEmbeddingDeployment() {
        return embeddingDeployment.orElseThrow(
                () -> new MissingSettingsException(List.of(EMBEDDING_DEPLOYMENT + " is missing")));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", authentication=" + authentication
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", managedIdentityClientId="
                + managedIdentityClientId.orElse("none") + ", chatDeployment=" + chatDeployment.orElse("none")
                + ", embeddingDeployment=" + embeddingDeployment.orElse("none") + ", embeddingDimensions="
                + (embeddingDimensions.isPresent() ? embeddingDimensions.getAsInt() : "default")
                + ", timeout=" + timeout + "]";
    }

    private static String trimSlashes(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
