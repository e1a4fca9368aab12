package com.aiplatform.local.contract;

import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A test's own calls to a receiving app the way a sibling app makes them (the run's app-to-app key and a caller's
 * identity), to arrange state (a budget) and to read what a contract call left behind (a budget, the usage ledger).
 */
final class AppToApp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String key;

    AppToApp(RunningPlatform platform, String app) {
        this.baseUrl = platform.baseUrl();
        this.key = platform.settings().get(app.toUpperCase(java.util.Locale.ROOT) + "_API_KEY").orElseThrow();
    }

    HttpResponse<String> send(Caller caller, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("x-functions-key", key)
                .header(GatewayHeaders.CONSUMER_ID, caller.consumerId())
                .header(GatewayHeaders.TENANT_ID, caller.tenant().value())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        if (!caller.roles().isEmpty()) {
            request.header(GatewayHeaders.ROLES, String.join(",", caller.roles()));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(Caller caller, String method, String path, Object body, int expected) {
        HttpResponse<String> response = send(caller, method, path, body);
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.tree(response.body());
    }
}
