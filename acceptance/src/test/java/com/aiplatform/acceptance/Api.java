package com.aiplatform.acceptance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the platform as a user's program is one: HTTP to the gateway with one subscription key. Every
 * answer is checked the same way: never a 5xx, every 4xx an RFC 9457 {@code application/problem+json} body,
 * and every JSON answer of {@code /api/v1/<app>/...} valid against that app's own OpenAPI document, which
 * the app serves and which is fetched once per app.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern APP = Pattern.compile("^/api/v1/([a-z]+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Supplier<String> baseUrl;
    private final String key;
    private final Map<String, OpenApiInteractionValidator> contracts;

    Api(Supplier<String> baseUrl, String key, Map<String, OpenApiInteractionValidator> contracts) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.contracts = contracts;
    }

    /** The subscription key this client sends (handed to other clients of the same consumer, such as MCP's). */
    String key() {
        return key;
    }

    /** A client sharing this one's address and contracts, with another key. */
    Api withKey(String otherKey) {
        return new Api(baseUrl, otherKey, contracts);
    }

    static Map<String, OpenApiInteractionValidator> newContracts() {
        return new ConcurrentHashMap<>();
    }

    record Response(int status, HttpResponse<byte[]> raw) {

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + text(), e);
            }
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    Response post(String path, Object json) {
        return send("POST", path, "application/json", json == null ? null : bytes(json), Map.of());
    }

    Response put(String path, Object json) {
        return send("PUT", path, "application/json", bytes(json), Map.of());
    }

    Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Ocp-Apim-Subscription-Key", key);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> raw;
        try {
            raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        check(method, path, raw.statusCode(), raw.headers().firstValue("Content-Type").orElse(""), raw.body());
        return new Response(raw.statusCode(), raw);
    }

    /** The checks every answer gets; fails the test with what was wrong. */
    void check(String method, String path, int status, String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(status).as(method + " " + path + ": " + text).isLessThan(500);
        if (status >= 400) {
            assertThat(contentType).as(method + " " + path + " " + status + ": " + text).startsWith("application/problem+json");
            try {
                assertThat(JSON.readTree(body).path("status").asInt()).as(method + " " + path).isEqualTo(status);
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + ": the problem is not JSON: " + text, e);
            }
        }
        Matcher app = APP.matcher(path);
        boolean json = contentType.startsWith("application/json") || contentType.startsWith("application/problem+json");
        if (!app.find() || !json || path.endsWith("/openapi.yaml")) {
            return;
        }
        OpenApiInteractionValidator contract = contracts.computeIfAbsent(app.group(1), this::loadContract);
        var builder = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (body.length > 0) {
            builder.withBody(text);
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        var report = contract.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
        assertThat(report.getMessages()).as(method + " " + path + " (" + status + ") against "
                + app.group(1) + "'s OpenAPI document: " + text).isEmpty();
    }

    private OpenApiInteractionValidator loadContract(String app) {
        Response document = get("/api/v1/" + app + "/openapi.yaml");
        assertThat(document.status()).as(app + " serves its OpenAPI document").isEqualTo(200);
        return OpenApiInteractionValidator.createForInlineApiSpecification(document.text()).build();
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
