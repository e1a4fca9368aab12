package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiToolsTest {

    private static final Set<String> ALL_APPS = Set.of("knowledge", "agent", "research", "assistant", "platform");
    private final GatewayDefinition definition = GatewayDefinition.load();

    @Test
    void should_derive_every_marked_tool_from_its_openapi_operation_when_reading_the_gateway_definition() {
        Map<String, McpTool> tools = OpenApiTools.fromClassPath(definition, ALL_APPS).stream()
                .collect(Collectors.toMap(McpTool::name, t -> t));

        assertThat(tools.keySet()).containsExactlyInAnyOrderElementsOf(
                definition.mcp().tools().stream().map(GatewayDefinition.Tool::name).toList());
        assertThat(tools.keySet()).contains("knowledge_search", "knowledge_ask", "research_start", "research_status",
                "research_report", "assistant_ask", "agent_send_message");
        McpTool search = tools.get("knowledge_search");
        assertThat(search.method()).isEqualTo("POST");
        assertThat(search.pathTemplate()).isEqualTo("/api/v1/knowledge/search");
        assertThat(search.description()).isEqualTo("Hybrid search over the tenant's chunks");
        assertThat(search.inputSchema().path("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("query", "topK", "mode", "filter");
        assertThat(search.required()).containsExactly("query");
        assertThat(search.inputSchema().path("properties").path("mode").path("enum").toString())
                .isEqualTo("[\"hybrid\",\"dense\",\"keyword\"]");
        assertThat(search.inputSchema().path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void should_map_path_parameters_and_body_properties_when_an_operation_has_both() {
        McpTool message = tool("agent_send_message");

        assertThat(message.pathParameters()).containsExactly("conversationId");
        assertThat(message.bodyProperties()).containsExactlyInAnyOrder("text", "messageId");
        assertThat(message.required()).containsExactlyInAnyOrder("conversationId", "text");
        assertThat(message.body()).isEqualTo(McpTool.Body.PROPERTIES);
        McpTool report = tool("research_report");
        assertThat(report.method()).isEqualTo("GET");
        assertThat(report.body()).isEqualTo(McpTool.Body.NONE);
        assertThat(report.result()).contains("/report");
    }

    @Test
    void should_produce_self_contained_json_schema_when_the_openapi_schema_uses_references_and_3_0_keywords() {
        for (McpTool tool : OpenApiTools.fromClassPath(definition, ALL_APPS)) {
            assertThat(Json.write(tool.inputSchema())).as(tool.name()).doesNotContain("$ref", "nullable");
        }
        var maxCost = tool("research_start").inputSchema().path("properties").path("maxCostUsd");

        assertThat(maxCost.path("exclusiveMinimum").isNumber()).isTrue();
        assertThat(maxCost.path("exclusiveMinimum").asDouble()).isEqualTo(0.0);
        assertThat(maxCost.has("minimum")).isFalse();
        assertThat(tool("knowledge_ask").inputSchema().path("properties").path("filter").path("type").asText())
                .isEqualTo("object");
    }

    @Test
    void should_fail_naming_each_tool_when_its_operation_lacks_a_schema() {
        String document = """
                openapi: 3.0.3
                info: { title: t, version: '1' }
                paths:
                  /api/v1/knowledge/things/{thingId}:
                    get:
                      operationId: getThing
                      parameters:
                        - { name: thingId, in: path, required: true }
                      responses: { '200': { description: ok } }
                  /api/v1/knowledge/things:
                    post:
                      operationId: addThing
                      requestBody:
                        required: true
                        content:
                          application/octet-stream: { schema: { type: string, format: binary } }
                      responses: { '200': { description: ok } }
                """;
        GatewayDefinition marked = marking(List.of(new GatewayDefinition.Tool("get_thing", "knowledge", "getThing", null),
                new GatewayDefinition.Tool("add_thing", "knowledge", "addThing", null),
                new GatewayDefinition.Tool("missing_thing", "knowledge", "noSuchOperation", null)));

        assertThatThrownBy(() -> OpenApiTools.derive(marked, api -> document, ALL_APPS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tool 'get_thing' (knowledge getThing): the path parameter 'thingId' has no schema")
                .hasMessageContaining("tool 'add_thing' (knowledge addThing): the request body has no application/json schema")
                .hasMessageContaining("tool 'missing_thing' (knowledge noSuchOperation): the OpenAPI document has no operation");
    }

    @Test
    void should_fail_when_two_tools_share_a_name_or_a_tool_names_an_unrouted_api() {
        GatewayDefinition marked = marking(List.of(new GatewayDefinition.Tool("search", "knowledge", "knowledgeSearch", null),
                new GatewayDefinition.Tool("search", "knowledge", "knowledgeAsk", null),
                new GatewayDefinition.Tool("summarize", "summaries", "summarize", null)));

        assertThatThrownBy(() -> OpenApiTools.derive(marked, api -> "openapi: 3.0.3\npaths: {}\n",
                Set.of("knowledge", "summaries")))
                .hasMessageContaining("tool 'search': the name must be unique")
                .hasMessageContaining("tool 'summarize': the gateway definition routes no API 'summaries'");
    }

    @Test
    void should_add_a_capped_wait_to_the_start_operations_arguments_when_a_tool_follows_its_task() {
        McpTool run = tool("research_run");

        assertThat(run.method()).isEqualTo("POST");
        assertThat(run.bodyProperties()).contains("question").doesNotContain(McpTool.MAX_WAIT);
        assertThat(run.required()).containsExactly("question");
        JsonNode wait = run.inputSchema().path("properties").path(McpTool.MAX_WAIT);
        assertThat(wait.path("type").asText()).isEqualTo("integer");
        assertThat(wait.path("maximum").asInt()).isEqualTo(600);
        McpTool.Follow follow = run.follow().orElseThrow();
        assertThat(follow.read().pathTemplate()).isEqualTo("/api/v1/research/tasks/{taskId}");
        assertThat(follow.until()).contains("completed", "failed", "cancelled");
        assertThat(run.description()).contains("Then waits for the task to end");
        assertThat(tool("research_start").follow()).isEmpty();
    }

    @Test
    void should_fail_when_a_tool_follows_an_operation_that_cannot_read_its_task() {
        GatewayDefinition.Follow byList = new GatewayDefinition.Follow("researchListTasks", List.of("completed"),
                "/percentComplete", 60, 500);
        GatewayDefinition.Follow noStatuses = new GatewayDefinition.Follow("researchGetTask", List.of(),
                "/percentComplete", 60, 500);
        GatewayDefinition marked = marking(List.of(
                new GatewayDefinition.Tool("run_listing", "research", "researchCreateTask", null, byList),
                new GatewayDefinition.Tool("run_forever", "research", "researchCreateTask", null, noStatuses)));

        assertThatThrownBy(() -> OpenApiTools.fromClassPath(marked, ALL_APPS))
                .hasMessageContaining("tool 'run_listing' (research researchCreateTask): the follow operation"
                        + " 'researchListTasks' must be a GET with one path parameter")
                .hasMessageContaining("tool 'run_forever' (research researchCreateTask): follow needs 'until' statuses");
    }

    @Test
    void should_leave_out_the_tools_of_apps_not_hosted_when_only_some_apps_run() {
        List<McpTool> tools = OpenApiTools.fromClassPath(definition, Set.of("knowledge"));

        assertThat(tools).extracting(McpTool::name).containsExactly("knowledge_search", "knowledge_ask");
    }

    private McpTool tool(String name) {
        return OpenApiTools.fromClassPath(definition, ALL_APPS).stream().filter(t -> t.name().equals(name))
                .findFirst().orElseThrow();
    }

    private GatewayDefinition marking(List<GatewayDefinition.Tool> tools) {
        return new GatewayDefinition(definition.version(), definition.identity(), definition.cors(), definition.apis(),
                definition.products(), new GatewayDefinition.Mcp("api/v1/mcp", "test", 65536, tools));
    }
}
