package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent chat calls against the real platform app's budget API on Azurite: twenty calls fired at once at a
 * budget that covers five of them (five times the estimate the llm app reserves, read off a 402's
 * {@code requestedUsd}) never spend past it, every call the budget does not cover is a 402, and nothing stays
 * reserved. The model's price is on prompt tokens only, so a call costs nearly what it reserves and the budget
 * truly runs out: had the reservations raced, more than the budget would be spent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmBudgetConcurrencyContractTest {

    private static final String CHAT = "/api/v1/llm/v1/chat/completions";
    private static final int CALLS = 20;
    private static final int COVERED = 5;
    private static final Map<String, Object> QUESTION = Map.of("model", "extractive-offline", "max_tokens", 50,
            "messages", List.of(Map.of("role", "system", "content", "Orders placed before noon ship the same day."),
                    Map.of("role", "user", "content", "When do orders ship?")));

    private RunningPlatform platform;
    private AppToApp platformApi;
    private AppToApp llm;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "llm"))
                .settings(Map.of("MODEL_PRICES", "extractive-offline=1/0,all-minilm-l6-v2=0/0")).build().start();
        platformApi = new AppToApp(platform, "platform");
        llm = new AppToApp(platform, "llm");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_never_spend_past_a_consumer_budget_when_twenty_calls_race_for_five_calls_worth() throws Exception {
        TenantId tenant = freshTenant();
        Caller shop = new Caller("shop-" + UUID.randomUUID().toString().substring(0, 8), tenant, Set.of());
        BigDecimal limit = coveredTimes(estimate(tenant, "consumer/" + shop.consumerId()));
        setBudget(tenant, "consumer/" + shop.consumerId(), limit);

        List<HttpResponse<String>> answers = race(List.of(shop));

        assertRace(answers, budget(tenant, "consumer/" + shop.consumerId()), limit);
    }

    @Test
    void should_never_spend_past_a_tenant_budget_when_its_consumers_race_for_five_calls_worth() throws Exception {
        TenantId tenant = freshTenant();
        List<Caller> consumers = List.of(new Caller("one-" + tenant.value(), tenant, Set.of()),
                new Caller("two-" + tenant.value(), tenant, Set.of()));
        BigDecimal limit = coveredTimes(estimate(tenant, "tenant/" + tenant.value()));
        setBudget(tenant, "tenant/" + tenant.value(), limit);

        List<HttpResponse<String>> answers = race(consumers);

        assertRace(answers, budget(tenant, "tenant/" + tenant.value()), limit);
    }

    private static BigDecimal coveredTimes(BigDecimal estimate) {
        return estimate.multiply(BigDecimal.valueOf(COVERED));
    }

    /** What one call reserves: a budget of zero refuses it, naming the amount it asked for. */
    private BigDecimal estimate(TenantId tenant, String budget) {
        setBudget(tenant, budget, BigDecimal.ZERO);
        Caller caller = budget.startsWith("consumer/") ? new Caller(budget.substring("consumer/".length()), tenant, Set.of())
                : new Caller("probe-" + tenant.value(), tenant, Set.of());
        HttpResponse<String> refused = llm.send(caller, "POST", CHAT, QUESTION);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        BigDecimal requested = Json.tree(refused.body()).get("requestedUsd").decimalValue();
        assertThat(requested).isPositive();
        return requested;
    }

    /** {@value #CALLS} calls released at once, round-robin over the consumers. */
    private List<HttpResponse<String>> race(List<Caller> consumers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch ready = new CountDownLatch(CALLS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Caller caller = consumers.get(i % consumers.size());
                calls.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return llm.send(caller, "POST", CHAT, QUESTION);
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRace(List<HttpResponse<String>> answers, JsonNode budget, BigDecimal limit) {
        List<HttpResponse<String>> answered = answers.stream().filter(a -> a.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() != 200).toList();
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(402);
            assertThat(Json.tree(r.body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        });
        assertThat(answered).as("the first five reservations always fit").hasSizeGreaterThanOrEqualTo(COVERED);
        assertThat(refused).as("twenty calls cost more than the budget").isNotEmpty();
        assertThat(budget.get("spentUsd").decimalValue()).isPositive().isLessThanOrEqualTo(limit);
        assertThat(budget.get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
    }

    private static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private void setBudget(TenantId tenant, String budget, BigDecimal limitUsd) {
        platformApi.json(new Caller("admin", tenant, Set.of("admin")), "PUT", "/api/v1/platform/budgets/" + budget,
                Map.of("limitUsd", limitUsd, "period", "month"), 200);
    }

    private JsonNode budget(TenantId tenant, String budget) {
        return platformApi.json(new Caller("admin", tenant, Set.of("admin")), "GET",
                "/api/v1/platform/budgets/" + budget, null, 200);
    }
}
