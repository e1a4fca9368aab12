package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The platform app's consumer API over HTTP, called as APIM's policy calls it: straight to the platform function app
 * with its function key in {@code x-functions-key}, {@code POST .../subscriptions/resolve} with {@code {"key": ...}}
 * (200 the subscription, 404 none). Creating and rotating add the calling admin's gateway identity headers. A platform
 * that cannot be reached or answers otherwise is a 503 problem, never an invalid key, so that no cache keeps it.
 */
public final class HttpPlatformConsumers implements PlatformConsumers {

    static final String RESOLVE = "api/v1/platform/subscriptions/resolve";
    static final String CONSUMERS = "api/v1/platform/consumers";

    private final HttpClient http;
    private final URI baseUri;
    private final String functionKey;
    private final Duration timeout;

    public HttpPlatformConsumers(HttpClient http, URI baseUri, String functionKey, Duration timeout) {
        this.http = http;
        this.baseUri = URI.create(baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/");
        this.functionKey = functionKey;
        this.timeout = timeout;
    }

    /** With its own client; {@code timeout} bounds the connection and each call (APIM's send-request waits 5 s). */
    public static HttpPlatformConsumers create(URI baseUri, String functionKey, Duration timeout) {
        return new HttpPlatformConsumers(HttpClient.newBuilder().connectTimeout(timeout).build(), baseUri, functionKey,
                timeout);
    }

    @Override
    public Optional<ResolvedSubscription> resolve(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        HttpResponse<String> response = send(request(RESOLVE).POST(json(Map.of("key", key))));
        return switch (response.statusCode()) {
            case 200 -> Optional.of(ResolvedSubscription.fromJson(Json.tree(response.body())));
            // 400: the platform refuses the text as a key at all (too long, say); 404: no such key
            case 400, 404, 413 -> Optional.empty();
            default -> throw unexpected("resolving a subscription key", response);
        };
    }

    @Override
    public Optional<String> create(Caller caller, NewConsumer consumer) {
        HttpRequest.Builder request = request(CONSUMERS).POST(json(consumer));
        GatewayHeaders.of(caller).forEach(request::header);
        HttpResponse<String> response = send(request);
        return switch (response.statusCode()) {
            case 201 -> Optional.of(key(response));
            case 409 -> Optional.empty();
            default -> throw unexpected("creating consumer " + consumer.consumerId(), response);
        };
    }

    @Override
    public String rotate(Caller caller, String tenantId, String consumerId) {
        HttpRequest.Builder request = request(CONSUMERS + "/" + encode(consumerId) + "/keys?tenantId=" + encode(tenantId))
                .POST(HttpRequest.BodyPublishers.noBody());
        GatewayHeaders.of(caller).forEach(request::header);
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw unexpected("rotating the key of consumer " + consumerId, response);
        }
        return key(response);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout);
        if (!functionKey.isBlank()) {
            request.header("x-functions-key", functionKey);
        }
        return request;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("The platform's consumer API at " + baseUri + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while calling the platform's consumer API", e);
        }
    }

    private static String key(HttpResponse<String> response) {
        JsonNode key = Json.tree(response.body()).path("key");
        if (!key.isTextual()) {
            throw new IllegalStateException("The platform's answer carries no key: HTTP " + response.statusCode());
        }
        return key.asText();
    }

    private ProblemException unexpected(String what, HttpResponse<String> response) {
        String detail = "";
        try {
            detail = Json.tree(response.body()).path("detail").asText("");
        } catch (IllegalArgumentException notJson) {
            // the status says enough
        }
        return ProblemException.unavailable("The platform's consumer API at " + baseUri + " answered "
                + response.statusCode() + " " + what + (detail.isEmpty() ? "" : ": " + detail), null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
