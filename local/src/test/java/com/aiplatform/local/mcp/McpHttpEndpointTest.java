package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.testing.time.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpHttpEndpointTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private final List<Map<String, String>> forwarded = new ArrayList<>();
    private final GatewayDefinition definition = GatewayDefinition.load();
    private final McpHttpEndpoint endpoint = new McpHttpEndpoint(definition, new McpServer("test",
            OpenApiTools.fromClassPath(definition, Set.of("knowledge")), (method, path, body, headers) -> {
                forwarded.add(headers);
                return new ToolCaller.Response(200, "application/json", "{\"results\":[]}");
            }));

    @Test
    void should_serve_the_path_of_the_gateway_definition() {
        assertThat(endpoint.serves("/api/v1/mcp")).isTrue();
        assertThat(endpoint.serves("/api/v1/mcp/other")).isFalse();
    }

    @Test
    void should_answer_a_request_with_json_and_a_notification_with_202() {
        var answer = post(PING, Map.of());
        var notification = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(json(answer).path("result").isObject()).isTrue();
        assertThat(notification.status()).isEqualTo(202);
        assertThat(notification.body()).isEmpty();
    }

    @Test
    void should_answer_each_request_of_a_batch_when_the_body_is_an_array() {
        var answer = post("[" + PING + ",{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"},"
                + PING.replace("\"id\":1", "\"id\":2") + "]", Map.of());

        assertThat(json(answer).findValuesAsText("id")).containsExactly("1", "2");
    }

    @Test
    void should_answer_a_json_rpc_parse_error_with_400_when_the_body_is_not_json() {
        var answer = post("{not json", Map.of());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("error").path("code").asInt()).isEqualTo(-32700);
    }

    @Test
    void should_refuse_with_problems_when_the_method_content_type_version_or_origin_is_wrong() {
        assertThatThrownBy(() -> endpoint.serve("GET", Map.of(), () -> new byte[0]))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(405);
                    assertThat(e.headers()).containsEntry("Allow", "POST");
                });
        assertThatThrownBy(() -> endpoint.serve("POST", Map.of("content-type", "text/plain"), () -> bytes(PING)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
        assertThatThrownBy(() -> post(PING, Map.of("mcp-protocol-version", "2024-01-01")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> post(PING, Map.of("origin", "https://evil.example")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    void should_pass_only_the_callers_credentials_and_correlation_to_tool_calls() {
        post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"knowledge_search\","
                + "\"arguments\":{\"query\":\"q\"}}}", Map.of("ocp-apim-subscription-key", "k", "x-request-id", "r1",
                "cookie", "session=1", "x-aiplatform-tenant-id", "forged"));

        assertThat(forwarded).containsExactly(Map.of("ocp-apim-subscription-key", "k", "x-request-id", "r1"));
    }

    @Test
    void should_answer_on_an_event_stream_with_progress_then_the_result_when_a_client_asking_for_progress_runs_research() {
        McpHttpEndpoint research = researchEndpoint();
        String run = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"research_run\","
                + "\"arguments\":{\"question\":\"q\"},\"_meta\":{\"progressToken\":9}}}";

        var streamed = research.serve("POST", Map.of("content-type", "application/json",
                "accept", "application/json, text/event-stream"), () -> bytes(run));
        var plain = research.serve("POST", Map.of("content-type", "application/json", "accept", "application/json"),
                () -> bytes(run));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.headers()).containsEntry("content-type", "text/event-stream");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        streamed.stream().orElseThrow().writeTo(out);
        List<JsonNode> events = events(out.toString(StandardCharsets.UTF_8));
        assertThat(events).extracting(e -> e.path("method").asText())
                .containsExactly("notifications/progress", "notifications/progress", "");
        assertThat(events.get(2).path("id").asInt()).isEqualTo(9);
        assertThat(events.get(2).path("result").path("structuredContent").path("text").asText()).isEqualTo("R");
        assertThat(plain.stream()).isEmpty();
        assertThat(plain.headers()).containsEntry("content-type", "application/json");
        assertThat(json(plain).path("result").path("structuredContent").path("text").asText()).isEqualTo("R");
    }

    @Test
    void should_answer_with_json_when_the_client_accepts_a_stream_but_the_tool_does_not_follow_a_task() {
        var answer = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"knowledge_search\","
                + "\"arguments\":{\"query\":\"q\"},\"_meta\":{\"progressToken\":\"p\"}}}",
                Map.of("accept", "application/json, text/event-stream"));

        assertThat(answer.stream()).isEmpty();
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
    }

    @Test
    void should_end_the_stream_with_an_internal_error_when_the_tool_fails_after_the_stream_began() {
        McpHttpEndpoint failing = researchEndpoint((method, path, body, headers) -> {
            if (method.equals("POST")) {
                return new ToolCaller.Response(202, "application/json", "{\"id\":\"t1\",\"status\":\"queued\"}");
            }
            throw new IllegalStateException("the task store is gone");
        });
        var streamed = failing.serve("POST", Map.of("content-type", "application/json", "accept", "text/event-stream"),
                () -> bytes("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"research_run\","
                        + "\"arguments\":{\"question\":\"q\"},\"_meta\":{\"progressToken\":\"t\"}}}"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        streamed.stream().orElseThrow().writeTo(out);

        List<JsonNode> events = events(out.toString(StandardCharsets.UTF_8));
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("id").asInt()).isEqualTo(4);
        assertThat(events.get(1).path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(events.get(1).toString()).doesNotContain("task store");
    }

    private static McpHttpEndpoint researchEndpoint() {
        return researchEndpoint((method, path, body, headers) -> method.equals("POST")
                ? new ToolCaller.Response(202, "application/json", "{\"id\":\"t1\",\"status\":\"queued\"}")
                : new ToolCaller.Response(200, "application/json",
                        "{\"id\":\"t1\",\"status\":\"completed\",\"percentComplete\":100,\"report\":{\"text\":\"R\"}}"));
    }

    private static McpHttpEndpoint researchEndpoint(ToolCaller caller) {
        GatewayDefinition definition = GatewayDefinition.load();
        ManualClock clock = new ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
        return new McpHttpEndpoint(definition, new McpServer("test",
                OpenApiTools.fromClassPath(definition, Set.of("research")), caller, clock, clock::advance));
    }

    /** The data of each event of a server-sent event stream, as JSON; comments skipped. */
    private static List<JsonNode> events(String stream) {
        List<JsonNode> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            StringBuilder data = new StringBuilder();
            block.lines().filter(line -> line.startsWith("data: ")).forEach(line -> data.append(line.substring(6)));
            if (!data.isEmpty()) {
                events.add(Json.tree(data.toString()));
            }
        }
        return events;
    }

    private McpHttpEndpoint.Reply post(String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("content-type", "application/json");
        return endpoint.serve("POST", headers, () -> bytes(body));
    }

    private static JsonNode json(McpHttpEndpoint.Reply reply) {
        return Json.tree(new String(reply.body(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
