package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.aiplatform.local.invoke.Invocation;
import com.aiplatform.shared.event.PlatformEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the gateway to the last call: a research task started with a W3C {@code traceparent} runs
 * its HTTP start, its queue-triggered plan, steps and synthesis, the knowledge searches it makes over HTTP, the
 * budget reservations and settlements it makes on the platform app, the usage records the ledger queue takes in,
 * and the completion event, all in that one trace.
 */
@Order(8)
@ExtendWith(AcceptancePlatform.class)
class TraceIT {

    @Test
    void should_keep_one_trace_through_http_queues_app_calls_and_events_when_a_research_task_runs(Suite suite)
            throws Exception {
        Api shop = suite.shop();
        ResearchIT.ingest(shop, "trace-returns", "Returns policy", "Returns are accepted within thirty days of "
                + "delivery. Refunds reach the original payment method within five working days.");
        String traceId = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<Invocation> runs = new CopyOnWriteArrayList<>();
        String taskId;
        try (AutoCloseable observing = suite.platform().observeInvocations(runs::add)) {
            Api.Response accepted = shop.send("POST", ResearchIT.TASKS, "application/json", Api.bytes(Map.of(
                    "question", "How long do I have to return an order, and when does the refund arrive?",
                    "maxSubquestions", 2)), Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            taskId = accepted.json().get("id").asText();
            JsonNode task = ResearchIT.awaitTerminal(shop, taskId);
            assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(functionsIn(runs, traceId)).contains("platform/platformUsageLedger"));
        }

        assertThat(functionsIn(runs, traceId)).contains("research/researchCreateTask", "research/researchPlan",
                "research/researchStep", "research/researchSynthesize", "knowledge/knowledgeSearch",
                "platform/platformReserveBudget", "platform/platformSettleBudget", "platform/platformUsageLedger");
        assertThat(runs).filteredOn(run -> run.traceparent() != null && run.traceparent().contains(traceId))
                .as("every run in the trace, the ledger's included").allMatch(Invocation::succeeded);
        String id = taskId;
        assertThat(runs).filteredOn(run -> run.function().startsWith("research/") && run.input() != null
                        && run.input().contains(id))
                .as("every queue message of the task").isNotEmpty()
                .allSatisfy(run -> assertThat(run.traceparent()).as(run.function()).contains(traceId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PlatformEvent completed = suite.events().stream()
                    .filter(event -> event.type().equals("AiPlatform.Research.TaskCompleted")
                            && id.equals(event.data().path("taskId").asText()))
                    .findFirst().orElseThrow();
            assertThat(completed.traceparent()).contains(traceId);
        });
    }

    @Test
    void should_start_a_new_trace_when_the_caller_sends_an_invalid_traceparent(Suite suite) throws Exception {
        List<Invocation> runs = new CopyOnWriteArrayList<>();
        try (AutoCloseable observing = suite.platform().observeInvocations(runs::add)) {
            Api.Response health = suite.shop().send("GET", "/api/v1/knowledge/health", null, null,
                    Map.of("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
            assertThat(health.status()).isEqualTo(200);
        }

        assertThat(runs).filteredOn(run -> run.function().equals("knowledge/knowledgeHealth")).hasSize(1)
                .allSatisfy(run -> assertThat(run.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                        .doesNotContain("00000000000000000000000000000000"));
    }

    private static Set<String> functionsIn(List<Invocation> runs, String traceId) {
        return runs.stream().filter(run -> run.traceparent() != null && run.traceparent().contains(traceId))
                .map(Invocation::function).collect(Collectors.toSet());
    }
}
