package com.aiplatform.llm.pool;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One deployment of the pool, as {@code LLM_BACKENDS} lists it: a JSON array of
 * {@code {"name","baseUrl","deployment","priority","weight","auth","apiKeySetting"}}. {@code baseUrl} is an
 * OpenAI-compatible base (Azure OpenAI: {@code https://<resource>.openai.azure.com/openai/v1}); {@code auth} is
 * {@code azure_api_key}, {@code bearer}, {@code entra_id} (managed identity) or {@code none}; the key itself is
 * never in this setting but in the setting {@code apiKeySetting} names (a Key Vault reference in Azure). Lower
 * {@code priority} is tried first; among equal priorities, {@code weight} shares the traffic.
 */
public record BackendSpec(String name, String baseUrl, String deployment, int priority, int weight, String auth,
                          Optional<String> apiKeySetting) {

    public static List<BackendSpec> parseAll(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode array;
        try {
            array = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new MissingSettingsException(List.of("LLM_BACKENDS is not JSON: " + e.getOriginalMessage()));
        }
        if (!array.isArray() || array.isEmpty()) {
            throw new MissingSettingsException(List.of("LLM_BACKENDS must be a non-empty JSON array"));
        }
        List<BackendSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        var names = new HashSet<String>();
        for (JsonNode node : array) {
            String name = node.path("name").asText("");
            String baseUrl = node.path("baseUrl").asText("");
            String deployment = node.path("deployment").asText("");
            int priority = node.path("priority").asInt(1);
            int weight = node.path("weight").asInt(1);
            String auth = node.path("auth").asText("none").toLowerCase(Locale.ROOT);
            if (!name.matches("[A-Za-z0-9-]{1,40}") || !names.add(name)) {
                problems.add("LLM_BACKENDS: each backend needs a unique name of letters, digits or hyphens: '" + name + "'");
            }
            if (!isHttpUrl(baseUrl)) {
                problems.add("LLM_BACKENDS[" + name + "].baseUrl must be an http(s) URL");
            }
            if (deployment.isBlank()) {
                problems.add("LLM_BACKENDS[" + name + "].deployment is missing");
            }
            if (priority < 0 || weight < 1) {
                problems.add("LLM_BACKENDS[" + name + "]: priority must be >= 0 and weight >= 1");
            }
            if (!List.of("azure_api_key", "bearer", "entra_id", "none").contains(auth)) {
                problems.add("LLM_BACKENDS[" + name + "].auth must be azure_api_key, bearer, entra_id or none");
            }
            Optional<String> keySetting = node.hasNonNull("apiKeySetting")
                    ? Optional.of(node.get("apiKeySetting").asText()) : Optional.empty();
            if ((auth.equals("azure_api_key") || auth.equals("bearer")) && keySetting.isEmpty()) {
                problems.add("LLM_BACKENDS[" + name + "]: auth " + auth + " needs apiKeySetting");
            }
            specs.add(new BackendSpec(name, baseUrl, deployment, priority, weight, auth, keySetting));
        }
        if (!problems.isEmpty()) {
            throw new MissingSettingsException(problems);
        }
        return List.copyOf(specs);
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
