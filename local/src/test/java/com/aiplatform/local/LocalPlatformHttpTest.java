package com.aiplatform.local;

import com.aiplatform.local.sample.FixedIdentity;
import com.aiplatform.local.sample.SamplePlatform;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample app hosted by the local platform, called over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlatformHttpTest {

    private static final int MAX_BODY = 1024;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RunningPlatform platform;

    @BeforeAll
    void start() {
        platform = SamplePlatform.builder().maxBodyBytes(MAX_BODY).build().start();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_bind_route_parameter_and_query_when_route_matches() throws Exception {
        HttpResponse<String> response = send(get("/api/things/abc%20d?x=1&x=2").header("x-custom", "kept"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.tree(response.body());
        assertThat(body.path("id").asText()).isEqualTo("abc d");
        assertThat(body.path("query").path("x").asText()).isEqualTo("1,2");
        assertThat(body.path("function").asText()).isEqualTo("getThing");
        assertThat(body.path("custom").asText()).isEqualTo("kept");
    }

    @Test
    void should_prefer_literal_route_when_parameter_route_also_matches() throws Exception {
        HttpResponse<String> response = send(get("/api/things/new"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("form");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void should_pass_body_and_response_headers_when_posting() throws Exception {
        HttpResponse<String> response = send(request("/api/things")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"a\":1}");
        assertThat(response.headers().firstValue("location")).hasValue("/api/things/1");
    }

    @Test
    void should_convert_constrained_parameter_when_deleting() throws Exception {
        HttpResponse<String> response = send(request("/api/things/42").DELETE());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("x-deleted")).hasValue("42");
    }

    @Test
    void should_round_trip_bytes_when_trigger_is_binary() throws Exception {
        byte[] upload = {0, (byte) 0xFF, 1, (byte) 0x80};
        HttpResponse<byte[]> response = client.send(request("/api/files/a.bin")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly((byte) 0x80, 1, (byte) 0xFF, 0);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("x-file-name")).hasValue("a.bin");
    }

    @Test
    void should_match_with_and_without_optional_parameter() throws Exception {
        assertThat(Json.tree(send(get("/api/items")).body()).path("id").asText()).isEqualTo("all");
        assertThat(Json.tree(send(get("/api/items/7")).body()).path("id").asText()).isEqualTo("7");
    }

    @Test
    void should_answer_404_problem_when_no_route_matches() throws Exception {
        HttpResponse<String> response = send(get("/api/nowhere"));

        assertProblem(response, 404);
        assertThat(send(get("/things/1")).statusCode()).isEqualTo(404); // the route prefix is required
    }

    @Test
    void should_answer_405_problem_with_allow_when_method_is_wrong() throws Exception {
        HttpResponse<String> response = send(request("/api/things/new").POST(HttpRequest.BodyPublishers.noBody()));

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void should_answer_413_problem_when_body_exceeds_limit() throws Exception {
        byte[] large = new byte[MAX_BODY + 1];
        HttpResponse<String> response = send(request("/api/files/big.bin")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(large)));

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.path("maxBytes").asLong()).isEqualTo(MAX_BODY);
    }

    @Test
    void should_answer_413_problem_when_chunked_body_exceeds_limit() throws Exception {
        byte[] large = new byte[MAX_BODY * 4];
        HttpResponse<String> response = send(request("/api/files/big.bin")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))));

        assertProblem(response, 413);
    }

    @Test
    void should_answer_500_problem_without_details_when_function_throws() throws Exception {
        HttpResponse<String> response = send(get("/api/boom"));

        JsonNode problem = assertProblem(response, 500);
        assertThat(problem.path("errorId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
    }

    @Test
    void should_replace_identity_headers_when_client_spoofs_them() throws Exception {
        HttpResponse<String> response = send(get("/api/whoami")
                .header("x-aiplatform-tenant-id", "victim").header("X-AiPlatform-Consumer-Id", "intruder")
                .header("x-aiplatform-roles", "superuser"));

        JsonNode body = Json.tree(response.body());
        assertThat(body.path("tenant").asText()).isEqualTo(FixedIdentity.TENANT);
        assertThat(body.path("consumer").asText()).isEqualTo(FixedIdentity.CONSUMER);
        assertThat(body.path("roles").toString()).isEqualTo("[\"admin\"]");
    }

    @Test
    void should_continue_trace_and_echo_request_id_when_headers_are_sent() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = send(get("/api/things/1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").header("x-request-id", "req-123"));

        JsonNode body = Json.tree(response.body());
        assertThat(body.path("traceparent").asText()).startsWith("00-" + traceId + "-").endsWith("-01")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(body.path("requestId").asText()).isEqualTo("req-123");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req-123");
    }

    @Test
    void should_start_new_trace_and_request_id_when_none_are_sent() throws Exception {
        HttpResponse<String> response = send(get("/api/things/1"));

        JsonNode body = Json.tree(response.body());
        assertThat(body.path("traceparent").asText()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(response.headers().firstValue("x-request-id")).hasValue(body.path("requestId").asText());
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(platform.baseUrl() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
