package com.aiplatform.llm;

import com.aiplatform.llm.safety.ContentSafety;
import com.aiplatform.llm.safety.ContentSafetyChain;
import com.aiplatform.llm.safety.azure.AzureAiContentSafety;
import com.aiplatform.llm.safety.rules.RulesContentSafety;
import com.aiplatform.shared.azure.AzureCredentials;
import com.aiplatform.shared.http.LazyHttpClient;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.azure.identity.AuthenticationUtil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The content-safety settings, read once: the offline rules ({@code LLM_SAFETY_PROMPT_INJECTION}, default on, and
 * {@code LLM_SAFETY_BLOCKLIST}, terms separated by {@code |}) always run; Azure AI Content Safety runs after them
 * when {@code AZURE_CONTENT_SAFETY_ENDPOINT} is set, with {@code AZURE_CONTENT_SAFETY_KEY} or, without a key, the
 * app's managed identity ({@code AZURE_CLIENT_ID} names a user-assigned one), refusing from
 * {@code AZURE_CONTENT_SAFETY_SEVERITY} (0, 2, 4 or 6; default 4, "medium", as Azure OpenAI's default filter) and
 * on any hit of the blocklists {@code AZURE_CONTENT_SAFETY_BLOCKLISTS} (comma-separated names) holds.
 */
public record SafetySettings(boolean promptInjection, List<String> blocklist, Optional<String> azureEndpoint,
                             Optional<String> azureKey, Optional<String> clientId, int severityThreshold,
                             List<String> azureBlocklists, Duration timeout) {

    static final String COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

    public static SafetySettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        var result = new SafetySettings(read.bool("LLM_SAFETY_PROMPT_INJECTION", true),
                split(read.string("LLM_SAFETY_BLOCKLIST", ""), "\\|"),
                read.optional("AZURE_CONTENT_SAFETY_ENDPOINT").filter(v -> !v.isBlank()),
                read.optional("AZURE_CONTENT_SAFETY_KEY").filter(v -> !v.isBlank()),
                read.optional("AZURE_CLIENT_ID").filter(v -> !v.isBlank()),
                read.integer("AZURE_CONTENT_SAFETY_SEVERITY", 4),
                split(read.string("AZURE_CONTENT_SAFETY_BLOCKLISTS", ""), ","),
                read.duration("AZURE_CONTENT_SAFETY_TIMEOUT", Duration.ofSeconds(10)));
        read.validate();
        if (!List.of(0, 2, 4, 6).contains(result.severityThreshold()) || result.timeout().isNegative()
                || result.timeout().isZero()) {
            throw new MissingSettingsException(List.of("AZURE_CONTENT_SAFETY_SEVERITY must be 0, 2, 4 or 6 and "
                    + "AZURE_CONTENT_SAFETY_TIMEOUT positive"));
        }
        return result;
    }

    /** The checks these settings name, offline rules first. */
    public ContentSafety contentSafety() {
        List<ContentSafety> checks = new ArrayList<>();
        checks.add(new RulesContentSafety(promptInjection, blocklist));
        azureEndpoint.ifPresent(endpoint -> checks.add(new AzureAiContentSafety(
                LazyHttpClient.withConnectTimeout(timeout), endpoint, azureKey
                        .<AzureAiContentSafety.Authentication>map(AzureAiContentSafety.Authentication.Key::new)
                        .orElseGet(this::managedIdentity), severityThreshold, azureBlocklists, timeout)));
        return new ContentSafetyChain(checks);
    }

    private AzureAiContentSafety.Authentication managedIdentity() {
        var credential = AzureCredentials.of(clientId, com.azure.core.http.HttpClient.createDefault());
        return new AzureAiContentSafety.Authentication.EntraId(
                AuthenticationUtil.getBearerTokenSupplier(credential, COGNITIVE_SERVICES_SCOPE));
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
