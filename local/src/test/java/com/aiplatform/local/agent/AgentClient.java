package com.aiplatform.local.agent;

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
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent API over HTTP for the end-to-end test, checking each response against the OpenAPI document. */
final class AgentClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private OpenApiInteractionValidator contract;

    AgentClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = Map.copyOf(headers);
    }

    void loadContract() {
        var spec = send("GET", "/api/v1/agent/openapi.yaml", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        contract = OpenApiInteractionValidator.createForInlineApiSpecification(spec.body()).build();
    }

    /** A client that calls with the app-to-app key and the given identity, as a sibling app would. */
    AgentClient as(String appKey, String consumer, String tenant, String roles) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("x-functions-key", appKey);
        identity.put("x-aiplatform-consumer-id", consumer);
        identity.put("x-aiplatform-tenant-id", tenant);
        if (!roles.isEmpty()) {
            identity.put("x-aiplatform-roles", roles);
        }
        AgentClient client = new AgentClient(baseUrl, identity);
        client.contract = contract;
        return client;
    }

    String createConversation() {
        var created = send("POST", "/api/v1/agent/conversations", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("conversationId").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/agent/conversations/" + id);
        return id;
    }

    JsonNode say(String conversationId, String text) {
        var response = send("POST", "/api/v1/agent/conversations/" + conversationId + "/messages", Map.of("text", text));
        assertThat(response.statusCode()).as(text + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    HttpResponse<String> send(String method, String path, Object body) {
        try {
            return sendRaw(method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> sendRaw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("x-aiplatform-tenant-id", headers.getOrDefault("x-aiplatform-tenant-id", "spoofed-tenant"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equals("x-aiplatform-tenant-id")) {
                request.header(name, value);
            }
        });
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(500);
            if (contract != null && response.statusCode() != 405 && path.startsWith("/api/v1/agent/")) {
                assertMatchesContract(method, path, response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertMatchesContract(String method, String path, HttpResponse<String> response) {
        var builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        var report = contract.validateResponse(path, Request.Method.valueOf(method), builder.build());
        assertThat(report.getMessages()).as(method + " " + path + " against the OpenAPI document").isEmpty();
    }

    static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
