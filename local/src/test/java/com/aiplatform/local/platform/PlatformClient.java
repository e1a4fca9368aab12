package com.aiplatform.local.platform;

import com.aiplatform.shared.json.Json;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP calls through the local gateway; platform API responses are checked against the platform's OpenAPI document. */
final class PlatformClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private OpenApiInteractionValidator contract;

    PlatformClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void useContract(String openApiYaml) {
        contract = OpenApiInteractionValidator.createForInlineApiSpecification(openApiYaml).build();
    }

    HttpResponse<String> send(String method, String path, String key, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        if (key != null) {
            request.header("Ocp-Apim-Subscription-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(500);
            if (contract != null && path.startsWith("/api/v1/platform/")) {
                check(method, path, response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(String method, String path, String key, Object body) {
        return send(method, path, key, body, Map.of());
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }

    private void check(String method, String path, HttpResponse<String> response) {
        var builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        var report = contract.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
        assertThat(report.getMessages()).as(method + " " + path + " against platform.yaml").isEmpty();
    }
}
