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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform app on the default composition: health of every app, the ledger's usage by app after the
 * capability tests ran, and the platform's budgets stopping the next priced call of every app.
 */
@Order(5)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private Suite suite;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
    }

    @Test
    @Order(1)
    void should_answer_200_with_every_app_up() {
        Api.Response health = suite.shop().get("/api/v1/platform/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("up");
        assertThat(health.json().get("apps").findValuesAsText("app"))
                .containsExactlyInAnyOrder("platform", "knowledge", "agent", "research", "assistant", "llm");
        assertThat(health.json().get("apps").findValuesAsText("status")).containsOnly("up");
    }

    @Test
    @Order(2)
    void should_list_every_app_that_called_a_model_in_the_usage_by_app() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = suite.shop().get("/api/v1/platform/usage?groupBy=app").json();
            assertThat(report.get("tenantId").asText()).isEqualTo(AcceptancePlatform.TENANT);
            assertThat(report.get("groups").findValuesAsText("key"))
                    .contains("knowledge", "agent", "research", "assistant", "llm");
            assertThat(report.get("total").get("costUsd").asDouble()).isPositive();
        });
        JsonNode rival = suite.rival().get("/api/v1/platform/usage?groupBy=app").json();
        assertThat(rival.get("tenantId").asText()).isEqualTo(AcceptancePlatform.OTHER_TENANT);
        assertThat(rival.get("total").get("costUsd").asDouble()).isZero();
    }

    @Test
    @Order(3)
    void should_refuse_the_next_priced_call_of_every_app_with_402_when_the_budget_is_near_zero() {
        Api frugal = suite.frugal();
        ResearchIT.ingest(frugal, "frugal-faq", "FAQ", "Orders placed before noon are shipped the same day.");
        String fileId = AssistantIT.upload(frugal, "faq.txt", "text/plain",
                "Orders placed before noon are shipped the same day.".getBytes(StandardCharsets.UTF_8));
        AssistantIT.awaitReady(frugal, fileId);
        Api.Response conversation = frugal.post("/api/v1/agent/conversations", null);
        String conversationId = conversation.json().get("conversationId").asText();
        Map<String, String> question = Map.of("question", "When are orders shipped?");
        assertThat(frugal.post("/api/v1/knowledge/ask", question).status()).as("before the budget").isEqualTo(200);

        Api.Response set = frugal.put("/api/v1/platform/budgets/consumer/frugal-app",
                Map.of("limitUsd", 0.000001, "period", "month"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);

        assertRefused(frugal.post("/api/v1/knowledge/ask", question), "knowledge ask");
        assertRefused(frugal.post("/api/v1/agent/conversations/" + conversationId + "/messages",
                Map.of("text", "How long does a refund take to reach my card?")), "agent message");
        assertRefused(frugal.post(AssistantIT.FILES + "/" + fileId + "/ask", question), "assistant ask");
        Api.Response research = frugal.post(ResearchIT.TASKS, Map.of("question", "When are orders shipped?",
                "maxSubquestions", 1));
        if (research.status() == 402) {
            assertRefused(research, "research submit");
        } else {
            assertThat(research.status()).as(research.toString()).isEqualTo(202);
            JsonNode task = ResearchIT.awaitTerminal(frugal, research.json().get("id").asText());
            assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("budget_exceeded");
            assertThat(task.has("report")).isFalse();
        }

        JsonNode budget = frugal.get("/api/v1/platform/budgets/consumer/frugal-app").json();
        assertThat(budget.get("reservedUsd").asDouble()).as("refused calls hold nothing: " + budget).isZero();
        assertThat(budget.get("remainingUsd").asDouble()).isLessThanOrEqualTo(0.000001);
    }

    private static void assertRefused(Api.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(402);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.json().get("title").asText()).as(what).isNotBlank();
        assertThat(response.raw().headers().firstValue("x-aiplatform-budget-remaining-usd")).as(what).isPresent();
    }
}
