package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's MCP endpoint driven by the official MCP TypeScript SDK client, as an MCP host would: the tools
 * the gateway definition marks, a knowledge search over documents ingested through the gateway, a research task
 * run to its report (polled, and followed with progress notifications on an event stream), errors for an unknown
 * tool and bad arguments, and no entry without a key. Every tool call
 * passes the gateway as the caller: the tenant's data is all a caller sees, and the caller's usage records and
 * budget are those of a REST call.
 */
@Order(4)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpIT {

    private static final String MCP = "/api/v1/mcp";

    private Suite suite;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        ResearchIT.ingest(suite.shop(), "mcp-returns", "Returns policy", "Unopened items can be returned within "
                + "45 days of delivery for a full refund. Opened items can be returned within 14 days.");
        ResearchIT.ingest(suite.shop(), "mcp-shipping", "Return shipping", "The customer pays return shipping "
                + "unless the item arrived damaged; damaged items get a prepaid return label.");
    }

    @Test
    void should_list_the_marked_tools_and_search_the_knowledge_base_when_a_client_calls_with_its_key() {
        JsonNode outcomes = McpClient.run(endpoint(), key(suite.shop()), List.of(
                McpClient.list(),
                McpClient.call("knowledge_search", Map.of("query", "How many days to return unopened items?", "topK", 3))));

        assertThat(outcomes.get(0).path("connected").asBoolean()).as(outcomes.toString()).isTrue();
        assertThat(outcomes.get(0).path("server").path("name").asText()).isEqualTo("ai-platform");
        JsonNode tools = outcomes.get(1).path("result").path("tools");
        assertThat(tools.findValuesAsText("name")).contains("knowledge_search", "knowledge_ask", "research_start",
                "research_status", "research_report", "research_run", "assistant_ask", "agent_send_message");
        JsonNode searchTool = find(tools, "knowledge_search");
        assertThat(searchTool.path("inputSchema").path("required").toString()).isEqualTo("[\"query\"]");
        assertThat(searchTool.path("inputSchema").path("properties").has("topK")).isTrue();
        JsonNode search = outcomes.get(2).path("result");
        assertThat(search.path("isError").asBoolean()).as(search.toString()).isFalse();
        JsonNode results = search.path("structuredContent").path("results");
        assertThat(results.findValuesAsText("documentId")).contains("mcp-returns");
        assertThat(results.get(0).path("text").asText()).contains("45 days");
    }

    @Test
    void should_run_a_research_task_to_its_cited_report_when_driven_through_mcp() {
        String taskId = "${1.result.structuredContent.id}";
        JsonNode outcomes = McpClient.run(endpoint(), key(suite.shop()), List.of(
                McpClient.call("research_start", Map.of("question", "How many days do customers have to return "
                        + "unopened items, and who pays return shipping?", "maxSubquestions", 2)),
                McpClient.pollUntil("research_status", Map.of("taskId", taskId), "status",
                        List.of("completed", "failed", "cancelled")),
                McpClient.call("research_report", Map.of("taskId", taskId))));

        JsonNode started = outcomes.get(1).path("result");
        assertThat(started.path("isError").asBoolean()).as(started.toString()).isFalse();
        assertThat(started.path("structuredContent").path("id").asText()).isNotBlank();
        JsonNode status = outcomes.get(2).path("result").path("structuredContent");
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
        assertThat(outcomes.get(2).path("calls").asInt()).as("status polled until done").isPositive();
        JsonNode report = outcomes.get(3).path("result").path("structuredContent");
        assertThat(report.path("text").asText()).as(report.toString()).contains("45 days");
        assertThat(report.path("citations").findValuesAsText("documentId")).contains("mcp-returns");
    }

    @Test
    void should_stream_increasing_progress_then_the_cited_report_when_a_client_runs_research_with_onprogress() {
        JsonNode outcomes = McpClient.run(endpoint(), key(suite.shop()), List.of(
                McpClient.callWithProgress("research_run", Map.of("question", "How many days do customers have to "
                        + "return unopened items, and who pays return shipping?", "maxSubquestions", 2,
                        "maxWaitSeconds", 120))));

        JsonNode run = outcomes.get(1);
        assertThat(run.path("contentTypes").size()).as(run.toString()).isEqualTo(1);
        assertThat(run.path("contentTypes").get(0).asText()).startsWith("text/event-stream");
        JsonNode progress = run.path("progress");
        assertThat(progress.size()).as(run.toString()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).path("progress").asDouble()).as(progress.toString())
                    .isGreaterThan(progress.get(i - 1).path("progress").asDouble());
        }
        assertThat(progress.findValuesAsText("total")).containsOnly("100");
        assertThat(progress.get(progress.size() - 1).path("progress").asInt()).isEqualTo(100);
        assertThat(progress.get(progress.size() - 1).path("message").asText()).startsWith("completed");
        JsonNode report = run.path("result").path("structuredContent");
        assertThat(run.path("result").path("isError").asBoolean()).as(run.toString()).isFalse();
        assertThat(report.path("text").asText()).as(report.toString()).contains("45 days");
        assertThat(report.path("citations").findValuesAsText("documentId")).contains("mcp-returns");
    }

    @Test
    void should_answer_mcp_errors_not_server_errors_when_the_tool_or_its_arguments_are_wrong() {
        JsonNode outcomes = McpClient.run(endpoint(), key(suite.shop()), List.of(
                McpClient.call("no_such_tool", Map.of()),
                McpClient.call("knowledge_search", Map.of("topK", 3)),
                McpClient.call("knowledge_search", Map.of("query", "returns", "topK", 1000)),
                McpClient.call("research_status", Map.of("taskId", "no-such-task"))));

        assertThat(outcomes.get(1).path("error").path("code").asInt()).as(outcomes.toString()).isEqualTo(-32602);
        assertThat(outcomes.get(2).path("error").path("code").asInt()).isEqualTo(-32602);
        JsonNode tooMany = outcomes.get(3).path("result");
        assertThat(tooMany.path("isError").asBoolean()).as(tooMany.toString()).isTrue();
        assertThat(tooMany.path("content").get(0).path("text").asText()).contains("\"status\":400");
        JsonNode missing = outcomes.get(4).path("result");
        assertThat(missing.path("isError").asBoolean()).isTrue();
        assertThat(missing.path("content").get(0).path("text").asText()).contains("\"status\":404");
    }

    @Test
    void should_show_a_tenant_only_its_own_documents_when_another_tenant_searches_through_mcp() {
        JsonNode outcomes = McpClient.run(endpoint(), key(suite.rival()), List.of(
                McpClient.call("knowledge_search", Map.of("query", "How many days to return unopened items?"))));

        JsonNode search = outcomes.get(1).path("result");
        assertThat(search.path("isError").asBoolean()).as(search.toString()).isFalse();
        assertThat(search.path("structuredContent").path("results").findValuesAsText("documentId"))
                .doesNotContain("mcp-returns", "mcp-shipping");
    }

    @Test
    void should_record_usage_and_refuse_over_budget_when_a_tool_calls_a_priced_model() {
        Api.Response created = suite.admin().post("/api/v1/platform/consumers", Map.of("consumerId", "mcp-app",
                "tenantId", "acceptance-mcp", "product", "standard", "roles", List.of("admin")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api mcpApp = suite.admin().withKey(created.json().get("key").asText());
        ResearchIT.ingest(mcpApp, "mcp-hours", "Opening hours", "The shop opens at nine and closes at six on weekdays.");
        Map<String, Object> ask = Map.of("question", "When does the shop open on weekdays?");

        JsonNode answered = McpClient.run(endpoint(), key(mcpApp), List.of(McpClient.call("knowledge_ask", ask)))
                .get(1).path("result");

        assertThat(answered.path("isError").asBoolean()).as(answered.toString()).isFalse();
        assertThat(answered.path("structuredContent").path("answer").asText()).contains("nine");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode usage = mcpApp.get("/api/v1/platform/usage?groupBy=consumer").json();
            assertThat(usage.get("groups").findValuesAsText("key")).containsExactly("mcp-app");
            assertThat(usage.get("total").get("costUsd").asDouble()).isPositive();
        });
        Api.Response budget = mcpApp.put("/api/v1/platform/budgets/consumer/mcp-app",
                Map.of("limitUsd", 0.000001, "period", "month"));
        assertThat(budget.status()).as(budget.toString()).isEqualTo(200);

        JsonNode refused = McpClient.run(endpoint(), key(mcpApp), List.of(McpClient.call("knowledge_ask", ask)))
                .get(1).path("result");

        assertThat(refused.path("isError").asBoolean()).as(refused.toString()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("\"status\":402");
    }

    @Test
    void should_refuse_with_401_when_a_client_sends_no_key() throws Exception {
        JsonNode outcomes = McpClient.run(endpoint(), Map.of(), List.of(McpClient.list()));
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(outcomes.get(0).path("connected").asBoolean()).isFalse();
        assertThat(outcomes.get(0).path("error").path("message").asText()).contains("401");
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private String endpoint() {
        return suite.baseUrl() + MCP;
    }

    private static Map<String, String> key(Api api) {
        return Map.of("Ocp-Apim-Subscription-Key", api.key());
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("No tool " + name + " in " + tools);
    }
}
