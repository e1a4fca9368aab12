package com.aiplatform.local.assistant;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the local platform over HTTP as a tenant, checks that no answer is a 5xx, and checks every
 * response of {@code pathPrefix} against the app's OpenAPI document once it is loaded.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String pathPrefix;
    private OpenApiInteractionValidator contract;

    ApiClient(String baseUrl, String pathPrefix) {
        this.baseUrl = baseUrl;
        this.pathPrefix = pathPrefix;
    }

    void validateAgainst(String openApiYaml) {
        contract = OpenApiInteractionValidator.createForInlineApiSpecification(openApiYaml).build();
    }

    OpenApiInteractionValidator contract() {
        return contract;
    }

    HttpResponse<byte[]> send(String tenant, String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header(TenantFromTestHeader.HEADER, tenant)
                .header("x-aiplatform-tenant-id", "spoofed-tenant")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as(method + " " + path + ": " + text(response)).isLessThan(500);
        if (contract != null && path.startsWith(pathPrefix) && response.statusCode() != 405) {
            assertMatchesContract(method, path, response);
        }
        return response;
    }

    private void assertMatchesContract(String method, String path, HttpResponse<byte[]> response) {
        var builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
        if (response.body().length > 0) {
            builder.withBody(text(response));
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        var report = contract.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
        assertThat(report.getMessages()).as(method + " " + path + " against the OpenAPI document").isEmpty();
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text(response), e);
        }
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] multipart(String boundary, String fileName, String type, byte[] file) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
