package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Research on the default composition: the research app searches the knowledge app over HTTP as the task's
 * owner, and every model call is reserved and settled against the platform app's real budgets and counted in
 * its ledger, which this test reads back per task.
 */
@Order(3)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResearchIT {

    static final String TASKS = "/api/v1/research/tasks";
    static final Duration WAIT = Duration.ofSeconds(120);

    private Suite suite;
    private Api shop;
    private String completedId;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        this.shop = suite.shop();
        ingest(shop, "res-warranty", "Espresso machine warranty", "The espresso machine warranty lasts three years "
                + "from the date of purchase. The grinder burrs are covered for one year.");
        ingest(shop, "res-care", "Espresso machine care", "Descale the boiler every month with citric acid. "
                + "Clean the steam wand after every use.");
    }

    @Test
    @Order(1)
    void should_complete_a_task_with_a_cited_report_when_the_knowledge_base_holds_the_answers() {
        Api.Response accepted = shop.send("POST", TASKS, "application/json", Api.bytes(Map.of(
                "question", "How long does the espresso machine warranty last, and how often must the boiler be descaled?",
                "maxSubquestions", 3)), Map.of("Idempotency-Key", "acceptance-research-1"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        completedId = accepted.json().get("id").asText();
        assertThat(accepted.raw().headers().firstValue("Location")).contains(TASKS + "/" + completedId);

        JsonNode task = awaitTerminal(shop, completedId);

        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        assertThat(task.get("percentComplete").asInt()).isEqualTo(100);
        assertThat(task.get("subQuestions")).hasSize(3)
                .allSatisfy(step -> assertThat(step.get("state").asText()).isEqualTo("completed"));
        JsonNode report = task.get("report");
        assertThat(report.get("text").asText()).contains("three years").contains("every month");
        List<String> cited = report.get("citations").findValuesAsText("documentId");
        assertThat(cited).contains("res-warranty", "res-care");
        Matcher numbers = Pattern.compile("\\[(\\d+)]").matcher(report.get("text").asText());
        assertThat(numbers.find()).as("the report cites by number").isTrue();
        do {
            assertThat(Integer.parseInt(numbers.group(1))).isBetween(1, cited.size());
        } while (numbers.find());
        assertThat(task.get("usage").get("costUsd").asDouble()).as("priced model calls").isPositive();
        assertThat(task.get("usage").get("reservedUsd").asDouble()).isZero();
    }

    @Test
    @Order(2)
    void should_page_the_tasks_events_from_a_cursor() {
        JsonNode all = shop.get(TASKS + "/" + completedId + "/events?after=0").json();
        assertThat(all.get("done").asBoolean()).isTrue();
        assertThat(all.get("events").findValuesAsText("type")).startsWith("created").endsWith("completed")
                .contains("step_completed", "synthesizing");
        long next = all.get("nextCursor").asLong();

        JsonNode tail = shop.get(TASKS + "/" + completedId + "/events?after=2").json();
        assertThat(tail.get("events").get(0).get("cursor").asLong()).isEqualTo(3);
        assertThat(tail.get("events")).hasSize(all.get("events").size() - 2);
        JsonNode none = shop.get(TASKS + "/" + completedId + "/events?after=" + next).json();
        assertThat(none.get("events")).isEmpty();
        assertThat(none.get("nextCursor").asLong()).isEqualTo(next);
    }

    @Test
    @Order(3)
    void should_cancel_a_second_task_and_keep_it_cancelled() {
        Api.Response accepted = shop.post(TASKS, Map.of("question",
                "Compare the grinder burrs and the steam wand: what does each need and what is covered?", "maxSubquestions", 10));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().get("id").asText();

        Api.Response cancelled = shop.delete(TASKS + "/" + id);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        JsonNode task = awaitTerminal(shop, id);
        assertThat(task.get("status").asText()).isEqualTo("cancelled");
        assertThat(task.has("report")).isFalse();
        assertThat(shop.delete(TASKS + "/" + completedId).status()).as("a finished task cannot be cancelled").isEqualTo(409);
    }

    @Test
    @Order(4)
    void should_count_the_tasks_model_calls_in_the_platform_ledger_under_the_task() {
        JsonNode usage = shop.get(TASKS + "/" + completedId).json().get("usage");
        int steps = shop.get(TASKS + "/" + completedId).json().get("subQuestions").size();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = shop.get("/api/v1/platform/usage?groupBy=task").json();
            assertThat(report.get("tenantId").asText()).isEqualTo(AcceptancePlatform.TENANT);
            JsonNode group = report.get("groups").findParents("key").stream()
                    .filter(g -> g.get("key").asText().equals(completedId)).findFirst().orElseThrow();
            JsonNode totals = group.get("totals");
            assertThat(totals.get("calls").asInt()).isGreaterThan(steps);
            assertThat(totals.get("inputTokens").asLong()).isEqualTo(usage.get("inputTokens").asLong());
            assertThat(totals.get("outputTokens").asLong()).isEqualTo(usage.get("outputTokens").asLong());
            assertThat(totals.get("costUsd").asDouble()).isCloseTo(usage.get("costUsd").asDouble(), within(1e-6));
        });
    }

    @Test
    @Order(5)
    void should_hide_a_task_from_another_tenant() {
        Api rival = suite.rival();
        assertThat(rival.get(TASKS + "/" + completedId).status()).isEqualTo(404);
        assertThat(rival.get(TASKS + "/" + completedId + "/events").status()).isEqualTo(404);
        assertThat(rival.get(TASKS).json().get("tasks").findValuesAsText("id")).doesNotContain(completedId);
    }

    static JsonNode awaitTerminal(Api api, String id) {
        List<String> terminal = List.of("completed", "failed", "cancelled", "budget_exceeded");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                terminal.contains(api.get(TASKS + "/" + id).json().get("status").asText()));
        return api.get(TASKS + "/" + id).json();
    }

    static void ingest(Api api, String id, String title, String text) {
        Api.Response created = api.post("/api/v1/knowledge/documents", Map.of("documentId", id, "title", title, "text", text));
        assertThat(created.status()).as(id + ": " + created).isIn(200, 201);
    }
}
