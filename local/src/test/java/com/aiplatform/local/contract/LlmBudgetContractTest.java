package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The llm app's calls to the platform app, against the real platform app on Azurite: every chat and embeddings
 * call reserves the caller's budget through the budget API before the model and settles it after, a refusal is a
 * 402 in the OpenAI error shape with what is left, and each call's usage record reaches the platform's ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmBudgetContractTest {

    private static final String PRICES = "extractive-offline=0.001/0.002,all-minilm-l6-v2=0.0001/0";
    private static final String CHAT = "/api/v1/llm/v1/chat/completions";

    private RunningPlatform platform;
    private AppToApp platformApi;
    private AppToApp llm;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "llm"))
                .settings(Map.of("MODEL_PRICES", PRICES)).build().start();
        platformApi = new AppToApp(platform, "platform");
        llm = new AppToApp(platform, "llm");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    private static Map<String, Object> chat(String question) {
        return Map.of("model", "extractive-offline", "max_tokens", 100, "messages", List.of(
                Map.of("role", "system", "content", "Orders placed before noon ship the same day."),
                Map.of("role", "user", "content", question)));
    }

    @Test
    void should_settle_what_the_call_cost_and_write_its_usage_record_to_the_ledger_when_the_budget_covers_it() {
        Caller shop = consumerWithBudget("1");

        JsonNode completion = llm.json(shop, "POST", CHAT, chat("When do orders ship?"), 200);
        JsonNode embeddings = llm.json(shop, "POST", "/api/v1/llm/v1/embeddings",
                Map.of("model", "all-minilm-l6-v2", "input", List.of("orders ship at noon")), 200);

        assertThat(completion.get("usage").get("prompt_tokens").asLong()).isPositive();
        Caller admin = new Caller("admin", shop.tenant(), Set.of("admin"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = platformApi.json(admin, "GET", "/api/v1/platform/usage?groupBy=model", null, 200);
            assertThat(report.get("groups").findValuesAsText("key"))
                    .containsExactlyInAnyOrder("extractive-offline", "all-minilm-l6-v2");
        });
        JsonNode total = platformApi.json(admin, "GET", "/api/v1/platform/usage?groupBy=app", null, 200);
        assertThat(total.get("groups").findValuesAsText("key")).containsExactly("llm");
        long tokens = completion.get("usage").get("prompt_tokens").asLong()
                + completion.get("usage").get("completion_tokens").asLong()
                + embeddings.get("usage").get("prompt_tokens").asLong();
        assertThat(total.get("total").get("inputTokens").asLong() + total.get("total").get("outputTokens").asLong())
                .isEqualTo(tokens);
        JsonNode budget = budgetOf(shop);
        assertThat(budget.get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
        // the budget keeps micro-dollars; the ledger keeps each record's exact cost
        assertThat(budget.get("spentUsd").decimalValue()).isPositive()
                .isCloseTo(total.get("total").get("costUsd").decimalValue(), within(new BigDecimal("0.000001")));
    }

    @Test
    void should_answer_402_in_the_openai_shape_with_what_is_left_and_hold_nothing_when_the_budget_is_too_small() {
        Caller shop = consumerWithBudget("0.00001");

        var refused = llm.send(shop, "POST", CHAT, chat("When do orders ship?"));
        var embedding = llm.send(shop, "POST", "/api/v1/llm/v1/embeddings",
                Map.of("model", "all-minilm-l6-v2", "input", "x".repeat(2000)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue(BudgetExceededException.REMAINING_HEADER).map(BigDecimal::new))
                .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("0.00001"));
        JsonNode body = Json.tree(refused.body());
        assertThat(body.get("remainingUsd").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(body.get("error").get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(body.get("error").get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(body.get("error").get("message").asText()).contains("USD left");
        assertThat(embedding.statusCode()).as(embedding.body()).isEqualTo(402);
        JsonNode budget = budgetOf(shop);
        assertThat(budget.get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(budget.get("spentUsd").decimalValue()).isEqualByComparingTo("0");
    }

    /** A consumer of its own, in a tenant of its own, with a monthly budget of {@code limitUsd}. */
    private Caller consumerWithBudget(String limitUsd) {
        TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        Caller shop = new Caller("shop-" + UUID.randomUUID().toString().substring(0, 8), tenant, Set.of());
        platformApi.json(new Caller("admin", tenant, Set.of("admin")), "PUT",
                "/api/v1/platform/budgets/consumer/" + shop.consumerId(),
                Map.of("limitUsd", new BigDecimal(limitUsd), "period", "month"), 200);
        return shop;
    }

    private JsonNode budgetOf(Caller shop) {
        return platformApi.json(new Caller("admin", shop.tenant(), Set.of("admin")), "GET",
                "/api/v1/platform/budgets/consumer/" + shop.consumerId(), null, 200);
    }
}
