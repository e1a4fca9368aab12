package com.aiplatform.shared.llm.openai.http;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.resilience.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One OpenAI-wire POST on the JDK's HttpClient, shared by the chat and embedding adapters: the authentication
 * {@link OpenAiSettings} chooses, and failures mapped once (408, 429, 5xx and no answer retriable with the
 * server's Retry-After; other 4xx carry the server's own {@code code: message}). It does not retry.
 */
public final class OpenAiHttpEndpoint {

    private final HttpClient http;
    private final OpenAiSettings settings;
    private final Supplier<String> entraTokens;
    private final Clock clock;

    /** {@code entraTokens} is used, and required, only when the settings choose Entra ID. */
    public OpenAiHttpEndpoint(HttpClient http, OpenAiSettings settings, Supplier<String> entraTokens, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.entraTokens = entraTokens;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settings.authentication() == OpenAiSettings.Authentication.ENTRA_ID) {
            Objects.requireNonNull(entraTokens, "entraTokens");
        }
    }

    OpenAiSettings settings() {
        return settings;
    }

    /** Posts {@code body} to {@code path} under the base URL; {@code operation} names the call in failures. */
    public JsonNode post(String path, ObjectNode body, String operation) {
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        switch (settings.authentication()) {
            case AZURE_API_KEY -> call.header("api-key", settings.apiKey().orElseThrow());
            case BEARER_API_KEY -> call.header("Authorization", "Bearer " + settings.apiKey().orElseThrow());
            case ENTRA_ID -> call.header("Authorization", "Bearer " + entraTokens.get());
            case NONE -> { }
        }
        HttpResponse<String> response = send(call.build(), operation);
        if (response.statusCode() / 100 != 2) {
            throw failure(response, operation);
        }
        try {
            return Json.tree(response.body());
        } catch (IllegalArgumentException e) {
            throw new LlmException(operation + " answered with no JSON body", 200, false, null, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, String operation) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LlmException(operation + " got no answer: " + e, 0, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("Interrupted during " + operation, 0, false, null, e);
        }
    }

    private LlmException failure(HttpResponse<String> response, String operation) {
        int status = response.statusCode();
        boolean retriable = status == 408 || status == 429 || status >= 500;
        var retryAfter = retriable ? RetryAfter.parse(response.headers().firstValue("retry-after-ms"),
                response.headers().firstValue("retry-after"), clock).orElse(null) : null;
        return new LlmException(operation + " failed with HTTP " + status + ": " + detail(response.body()), status,
                retriable, retryAfter, null);
    }

    private static String detail(String body) {
        try {
            JsonNode tree = Json.tree(body);
            JsonNode error = tree.has("error") ? tree.get("error") : tree;
            if (error.hasNonNull("message")) {
                String code = error.path("code").asText("");
                return (code.isEmpty() ? "" : code + ": ") + error.get("message").asText();
            }
        } catch (IllegalArgumentException notJson) {
            // a body that is not JSON is shown as it is, cut short
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
