package com.aiplatform.shared.functions;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpResponsesTest {

    private final FakeRequest request = new FakeRequest(Map.of("Content-Type", "application/json"), new byte[0]);

    record Query(String text, Integer limit) {
        Query {
            if (text == null || text.isBlank()) {
                throw ProblemException.validation("The query is not valid", java.util.List.of("text is required"));
            }
        }
    }

    private static JsonNode body(HttpResponseMessage response) {
        return Json.tree((String) response.getBody());
    }

    @Test
    void should_answer_202_with_location_and_retry_after_only_when_given() {
        HttpResponseMessage one = HttpResponses.accepted(request, "/api/v1/things/t-1", Optional.of(Duration.ofSeconds(3)),
                Map.of("id", "t-1"));
        HttpResponseMessage many = HttpResponses.accepted(request, null, Optional.empty(), Map.of("ids", List.of("a")));

        assertThat(one.getStatus().value()).isEqualTo(202);
        assertThat(one.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(one.getHeader("Location")).isEqualTo("/api/v1/things/t-1");
        assertThat(one.getHeader("Retry-After")).isEqualTo("3");
        assertThat(body(one).get("id").asText()).isEqualTo("t-1");
        assertThat(many.getHeader("Location")).isNull();
        assertThat(many.getHeader("Retry-After")).isNull();
    }

    @Test
    void should_answer_problem_json_with_instance_and_retry_after_when_service_throws_problem() {
        HttpResponseMessage response = HttpResponses.handle(request, () -> {
            throw ProblemException.tooManyRequests("Slow down", Duration.ofSeconds(7));
        });
        assertThat(response.getStatus().value()).isEqualTo(429);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asText()).isEqualTo("urn:aiplatform:problem:too-many-requests");
        assertThat(problem.get("detail").asText()).isEqualTo("Slow down");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/test");
    }

    @Test
    void should_hide_details_of_unexpected_errors_behind_an_error_id() {
        HttpResponseMessage response = HttpResponses.handle(request, () -> {
            throw new IllegalStateException("password=hunter2 at line 42");
        });
        assertThat(response.getStatus().value()).isEqualTo(500);
        String text = (String) response.getBody();
        assertThat(text).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        assertThat(body(response).get("errorId").asText()).hasSize(36);
    }

    @Test
    void should_parse_valid_json_into_record() {
        Query query = RequestBodies.json("{\"text\":\"refunds\",\"limit\":3}".getBytes(StandardCharsets.UTF_8),
                Query.class, 1024);
        assertThat(query).isEqualTo(new Query("refunds", 3));
    }

    @Test
    void should_refuse_bad_bodies_with_specific_4xx() {
        assertStatus(() -> RequestBodies.json("{\"text\":".getBytes(), Query.class, 1024), 400, "Malformed JSON");
        assertStatus(() -> RequestBodies.json("{\"text\":\"a\",\"x\":1}".getBytes(), Query.class, 1024), 400,
                "Unknown field 'x'");
        assertStatus(() -> RequestBodies.json("{\"text\":\"a\",\"limit\":\"many\"}".getBytes(), Query.class, 1024),
                400, "limit");
        assertStatus(() -> RequestBodies.json("[1,2]".getBytes(), Query.class, 1024), 400, "JSON object");
        assertStatus(() -> RequestBodies.json("{}".getBytes(), Query.class, 1024), 400, "not valid");
        assertStatus(() -> RequestBodies.json(new byte[0], Query.class, 1024), 400, "empty");
        assertStatus(() -> RequestBodies.json("{\"text\":\"long\"}".getBytes(), Query.class, 5), 413, "5 bytes");
        var textRequest = new FakeRequest(Map.of("content-type", "text/plain"), "x".getBytes());
        assertStatus(() -> RequestBodies.json(textRequest, Query.class, 1024), 415, "text/plain");
    }

    private static void assertStatus(Runnable call, int status, String detailPart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.problem().detail()).contains(detailPart);
            assertThat(e.problem().detail()).doesNotContain("com.aiplatform");
        });
    }
}
