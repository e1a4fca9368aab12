package com.aiplatform.local.research;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.event.PlatformEvent;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The research app end to end on the local platform (Azurite in memory, the knowledge app with the bundled
 * model and Lucene, the offline LLM), over HTTP only: research retrieves through the knowledge app's HTTP
 * API, its queue functions run on Azurite queues with host.json semantics, and every response is checked
 * against the research app's own OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResearchEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    private OpenApiInteractionValidator contract;
    private String completedId;

    @BeforeAll
    void start() throws Exception {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "research"))
                .gateway(new TenantHeaderGateway())
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8")).build().start();
        platform.events().subscribe("research-end-to-end", events::add);
        var spec = send("GET", "/api/v1/research/openapi.yaml", null, Map.of());
        assertThat(spec.statusCode()).isEqualTo(200);
        contract = OpenApiInteractionValidator.createForInlineApiSpecification(spec.body()).build();
        ingest("returns", "Returns policy", "Items can be returned within 30 days of delivery. Refunds reach the "
                + "original card within five business days after the parcel arrives back.");
        ingest("warranty", "Warranty", "The warranty covers manufacturing defects for two years. Batteries are "
                + "covered for six months. Accidental damage is not covered by the warranty.");
        ingest("shipping", "Shipping", "Parcels to Norway take seven days. Express delivery costs twelve euros.");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void should_accept_a_task_and_complete_it_with_a_cited_report_through_the_knowledge_api() throws Exception {
        var accepted = send("POST", "/api/v1/research/tasks", json(Map.of(
                "question", "How long do refunds take, and what does the warranty cover for batteries?",
                "maxSubquestions", 3)), Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        completedId = body(accepted).get("id").asText();
        assertThat(body(accepted).get("status").asText()).isEqualTo("queued");
        assertThat(accepted.headers().firstValue("Location")).contains("/api/v1/research/tasks/" + completedId);
        assertThat(accepted.headers().firstValue("Retry-After")).isPresent();

        JsonNode task = awaitStatus(completedId, "completed");
        assertThat(task.get("percentComplete").asInt()).isEqualTo(100);
        assertThat(task.get("planner").asText()).isEqualTo("offline-decomposition");
        assertThat(task.get("subQuestions")).hasSize(3).allSatisfy(step -> {
            assertThat(step.get("state").asText()).isEqualTo("completed");
            assertThat(step.get("finding").asText()).isNotBlank();
            assertThat(step.get("generator").asText()).isEqualTo("extractive-offline");
            assertThat(step.get("timings").get("searchMs").asLong()).isGreaterThanOrEqualTo(0);
        });
        JsonNode report = task.get("report");
        assertThat(report.get("generator").asText()).isEqualTo("extractive-offline");
        assertThat(report.get("text").asText()).contains("five business days").contains("six months");
        List<String> cited = report.get("citations").findValuesAsText("documentId");
        assertThat(cited).contains("returns", "warranty");
        Matcher numbers = Pattern.compile("\\[(\\d+)]").matcher(report.get("text").asText());
        while (numbers.find()) {
            assertThat(Integer.parseInt(numbers.group(1))).isBetween(1, cited.size());
        }
        assertThat(task.get("sources")).hasSize(cited.size());
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.type().equals("AiPlatform.Research.TaskCompleted")));
        PlatformEvent completed = events.stream().filter(e -> e.type().equals("AiPlatform.Research.TaskCompleted"))
                .findFirst().orElseThrow();
        assertThat(completed.data().get("taskId").asText()).isEqualTo(completedId);
        assertThat(completed.traceparent()).contains(TRACE_ID);
    }

    @Test
    @Order(2)
    void should_page_progress_events_from_a_cursor_and_list_by_status() throws Exception {
        JsonNode all = body(send("GET", "/api/v1/research/tasks/" + completedId + "/events", null, Map.of()));
        assertThat(all.get("done").asBoolean()).isTrue();
        assertThat(all.get("events").findValuesAsText("type")).startsWith("created").endsWith("completed")
                .contains("researching", "step_completed", "synthesizing");
        long next = all.get("nextCursor").asLong();
        JsonNode tail = body(send("GET", "/api/v1/research/tasks/" + completedId + "/events?after=2", null, Map.of()));
        assertThat(tail.get("events").get(0).get("cursor").asLong()).isEqualTo(3);
        JsonNode none = body(send("GET", "/api/v1/research/tasks/" + completedId + "/events?after=" + next, null, Map.of()));
        assertThat(none.get("events")).isEmpty();
        assertThat(none.get("nextCursor").asLong()).isEqualTo(next);

        JsonNode list = body(send("GET", "/api/v1/research/tasks?status=completed", null, Map.of()));
        assertThat(list.get("tasks").findValuesAsText("id")).contains(completedId);
        assertThat(body(send("GET", "/api/v1/research/tasks?status=queued", null, Map.of())).get("tasks")
                .findValuesAsText("id")).doesNotContain(completedId);
    }

    @Test
    @Order(3)
    void should_cancel_a_running_task_and_refuse_to_cancel_a_finished_one() throws Exception {
        var accepted = send("POST", "/api/v1/research/tasks", json(Map.of("question",
                "Compare express delivery versus standard shipping to Norway, and what are the costs?",
                "maxSubquestions", 10)), Map.of());
        String id = body(accepted).get("id").asText();
        var cancelled = send("DELETE", "/api/v1/research/tasks/" + id, null, Map.of());
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(body(cancelled).get("status").asText()).isEqualTo("cancelled");
        JsonNode task = body(send("GET", "/api/v1/research/tasks/" + id, null, Map.of()));
        assertThat(task.get("status").asText()).isEqualTo("cancelled");
        assertThat(task.has("report")).isFalse();
        assertThat(send("DELETE", "/api/v1/research/tasks/" + completedId, null, Map.of()).statusCode()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void should_refuse_bad_input_with_problem_json_and_hide_other_tenants_tasks() throws Exception {
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("empty question 400", post(Map.of("question", " ")));
        responses.put("oversized question 400", post(Map.of("question", "why ".repeat(600))));
        responses.put("zero sub-questions 400", post(Map.of("question", "Refunds?", "maxSubquestions", 0)));
        responses.put("negative cost 400", post(Map.of("question", "Refunds?", "maxCostUsd", -1)));
        responses.put("too short duration 400", post(Map.of("question", "Refunds?", "maxDurationSeconds", 1)));
        responses.put("unknown field 400", post(Map.of("question", "Refunds?", "depth", 3)));
        responses.put("malformed json 400", send("POST", "/api/v1/research/tasks", "{\"question\":".getBytes(), Map.of()));
        responses.put("empty body 400", send("POST", "/api/v1/research/tasks", new byte[0], Map.of()));
        responses.put("text body 415", send("POST", "/api/v1/research/tasks", "Refunds?".getBytes(),
                Map.of("Content-Type", "text/plain")));
        responses.put("huge body 413", post(Map.of("question", "x".repeat(40_000))));
        responses.put("unknown id 404", send("GET", "/api/v1/research/tasks/rt-" + "0".repeat(32), null, Map.of()));
        responses.put("malformed id 404", send("GET", "/api/v1/research/tasks/not-a-task", null, Map.of()));
        responses.put("other tenant 404", send("GET", "/api/v1/research/tasks/" + completedId, null,
                Map.of(TenantHeaderGateway.TEST_TENANT, "intruder")));
        responses.put("other tenant events 404", send("GET", "/api/v1/research/tasks/" + completedId + "/events", null,
                Map.of(TenantHeaderGateway.TEST_TENANT, "intruder")));
        responses.put("other tenant cancel 404", send("DELETE", "/api/v1/research/tasks/" + completedId, null,
                Map.of(TenantHeaderGateway.TEST_TENANT, "intruder")));
        responses.put("bad cursor 400", send("GET", "/api/v1/research/tasks/" + completedId + "/events?after=-1", null, Map.of()));
        responses.put("bad status 400", send("GET", "/api/v1/research/tasks?status=done", null, Map.of()));

        responses.forEach((name, response) -> {
            int expected = Integer.parseInt(name.substring(name.length() - 3));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/problem+json");
            assertThat(response.body()).as(name).doesNotContain("Exception");
        });
        JsonNode foreign = body(responses.get("other tenant 404"));
        JsonNode unknown = body(responses.get("unknown id 404"));
        assertThat(foreign.get("title")).isEqualTo(unknown.get("title"));
        assertThat(foreign.get("type")).isEqualTo(unknown.get("type"));
        assertThat(body(send("GET", "/api/v1/research/tasks", null, Map.of(TenantHeaderGateway.TEST_TENANT, "intruder")))
                .get("tasks")).isEmpty();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                body(send("GET", "/api/v1/research/tasks/" + id, null, Map.of())).get("status").asText().equals(status));
        try {
            return body(send("GET", "/api/v1/research/tasks/" + id, null, Map.of()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void ingest(String id, String title, String text) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/v1/knowledge/documents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(Map.of("documentId", id, "title", title, "text", text))))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", "/api/v1/research/tasks", json(body), Map.of());
    }

    private HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(500);
        if (contract != null) {
            var builder = SimpleResponse.Builder.status(response.statusCode());
            response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
            if (!response.body().isEmpty()) {
                builder.withBody(response.body());
            }
            String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            ValidationReport report = contract.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
            assertThat(report.getMessages()).as(method + " " + path + " against the OpenAPI document").isEmpty();
        }
        return response;
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private static byte[] json(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }
}
