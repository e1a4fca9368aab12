package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class McpServerTest {

    private static final Map<String, String> CALLER = Map.of("ocp-apim-subscription-key", "key-1");

    /** Answers every call with the next canned response and records what it was asked. */
    private static final class RecordingCaller implements ToolCaller {
        final List<String> calls = new ArrayList<>();
        final List<Map<String, String>> headers = new ArrayList<>();
        Response next = new Response(200, "application/json", "{\"ok\":true}");

        @Override
        public Response call(String method, String pathAndQuery, Optional<String> jsonBody, Map<String, String> h) {
            calls.add(method + " " + pathAndQuery + jsonBody.map(b -> " " + b).orElse(""));
            headers.add(h);
            return next;
        }
    }

    private final RecordingCaller caller = new RecordingCaller();
    private final McpServer server = new McpServer("test",
            OpenApiTools.fromClassPath(GatewayDefinition.load(), Set.of("knowledge", "agent", "research")), caller);

    @Test
    void should_agree_on_the_clients_protocol_version_when_the_server_speaks_it() {
        JsonNode result = request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}").path("result");

        assertThat(result.path("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("test");
    }

    @Test
    void should_offer_its_newest_protocol_version_when_the_client_asks_for_an_unknown_one() {
        JsonNode result = request("initialize", "{\"protocolVersion\":\"2099-01-01\"}").path("result");

        assertThat(result.path("protocolVersion").asText()).isEqualTo(McpServer.PROTOCOL_VERSIONS.get(0));
    }

    @Test
    void should_list_the_tools_with_their_input_schemas_when_asked() {
        JsonNode tools = request("tools/list", "{}").path("result").path("tools");

        assertThat(tools).extracting(t -> t.path("name").asText())
                .contains("knowledge_search", "research_start", "research_report", "agent_send_message");
        assertThat(tools.get(0).path("inputSchema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void should_send_the_operations_request_as_the_caller_when_a_tool_is_called() {
        JsonNode result = call("agent_send_message", "{\"conversationId\":\"c 1/x\",\"text\":\"hello\"}");

        assertThat(caller.calls).containsExactly("POST /api/v1/agent/conversations/c%201%2Fx/messages {\"text\":\"hello\"}");
        assertThat(caller.headers.get(0)).isEqualTo(CALLER);
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("ok").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void should_put_query_parameters_in_the_query_when_the_operation_has_them() {
        call("research_events", "{\"taskId\":\"t1\",\"after\":3}");

        assertThat(caller.calls).containsExactly("GET /api/v1/research/tasks/t1/events?after=3");
    }

    @Test
    void should_answer_invalid_params_without_calling_when_the_tool_is_unknown() {
        JsonNode response = request("tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}");

        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(response.path("error").path("message").asText()).contains("Unknown tool: no_such_tool");
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void should_answer_invalid_params_without_calling_when_a_required_argument_is_missing_or_unknown() {
        JsonNode missing = request("tools/call", "{\"name\":\"knowledge_search\",\"arguments\":{\"topK\":3}}");
        JsonNode unknown = request("tools/call", "{\"name\":\"knowledge_search\",\"arguments\":{\"query\":\"q\",\"x\":1}}");
        JsonNode notObject = request("tools/call", "{\"name\":\"knowledge_search\",\"arguments\":[1]}");

        assertThat(missing.path("error").path("message").asText()).contains("'query' is required");
        assertThat(unknown.path("error").path("message").asText()).contains("unknown argument 'x'");
        assertThat(notObject.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void should_return_an_error_result_with_the_problem_when_the_app_refuses_the_call() {
        caller.next = new ToolCaller.Response(400, "application/problem+json", "{\"status\":400,\"title\":\"Bad\"}");

        JsonNode result = call("knowledge_search", "{\"query\":\"\"}");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).contains("\"title\":\"Bad\"");
    }

    @Test
    void should_return_only_the_report_when_the_task_has_one_and_an_error_result_until_then() {
        caller.next = new ToolCaller.Response(200, "application/json", "{\"id\":\"t1\",\"status\":\"running\"}");
        JsonNode pending = call("research_report", "{\"taskId\":\"t1\"}");
        caller.next = new ToolCaller.Response(200, "application/json",
                "{\"id\":\"t1\",\"status\":\"completed\",\"report\":{\"markdown\":\"# R\"}}");
        JsonNode done = call("research_report", "{\"taskId\":\"t1\"}");

        assertThat(pending.path("isError").asBoolean()).isTrue();
        assertThat(pending.path("content").get(0).path("text").asText()).isEqualTo("The answer has no /report yet (status: running)");
        assertThat(done.path("structuredContent").toString()).isEqualTo("{\"markdown\":\"# R\"}");
    }

    @Test
    void should_answer_nothing_for_a_notification_and_method_not_found_for_an_unknown_method() {
        var notification = server.handle(Json.tree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), CALLER);
        JsonNode unknown = request("resources/list", "{}");
        var notJsonRpc = server.handle(Json.tree("{\"id\":1,\"method\":\"ping\"}"), CALLER);

        assertThat(notification).isEmpty();
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(notJsonRpc.orElseThrow().path("error").path("code").asInt()).isEqualTo(-32600);
    }

    private JsonNode call(String tool, String arguments) {
        JsonNode response = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
        assertThat(response.has("error")).as(response.toString()).isFalse();
        return response.path("result");
    }

    private JsonNode request(String method, String params) {
        ObjectNode message = (ObjectNode) Json.tree("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                + "\",\"params\":" + params + "}");
        ObjectNode response = server.handle(message, CALLER).orElseThrow();
        assertThat(response.path("id").asInt()).isEqualTo(7);
        return response;
    }
}
