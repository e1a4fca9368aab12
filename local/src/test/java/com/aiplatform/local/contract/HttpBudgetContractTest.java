package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.work.ModelCalls;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.budget.http.HttpBudget;
import com.aiplatform.shared.budget.http.PlatformApiSettings;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HttpBudget}, as every app composes it from {@code PLATFORM_API_BASE_URL} and {@code PLATFORM_API_KEY}, against
 * the real platform app on Azurite: reservation ids exactly as {@link BudgetedChat} and research build them, the
 * platform's validation, 402 and other refusals mapped to the caller's errors, repeats that stay idempotent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBudgetContractTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Caller ADMIN = new Caller("acme-admin", TENANT, Set.of("admin"));

    private RunningPlatform platform;
    private Budget budget;
    private AppToApp api;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform")).build().start();
        budget = HttpBudget.create(PlatformApiSettings.from(platform.settings()));
        api = new AppToApp(platform, "platform");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_reserve_and_settle_under_the_ids_budgeted_chat_and_research_build() {
        Caller shop = consumerWithBudget("1");
        String fresh = BudgetedChat.CallIds.fresh().reservationId();
        String research = ModelCalls.ids(new TaskKey(TENANT, "rt-" + "0".repeat(32)), "s01#1").reservationId();

        Reservation first = budget.reserve(shop, fresh, new BigDecimal("0.3"));
        Reservation second = budget.reserve(shop, research, new BigDecimal("0.2"));

        assertThat(first.id()).isEqualTo(fresh);
        assertThat(first.reservedUsd()).isEqualByComparingTo("0.3");
        assertThat(second.id()).isEqualTo(research);
        assertThat(second.remainingUsd()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("0.5"));
        assertThat(budgetOf(shop).get("reservedUsd").decimalValue()).isEqualByComparingTo("0.5");

        budget.settle(shop, first, new BigDecimal("0.1"));
        budget.settle(shop, second, BigDecimal.ZERO);

        JsonNode after = budgetOf(shop);
        assertThat(after.get("spentUsd").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(after.get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void should_count_a_repeated_reserve_and_settle_once_when_a_message_is_redelivered() {
        Caller shop = consumerWithBudget("1");
        String id = ModelCalls.ids(new TaskKey(TENANT, "rt-" + "1".repeat(32)), "synth#1").reservationId();

        Reservation first = budget.reserve(shop, id, new BigDecimal("0.4"));
        Reservation again = budget.reserve(shop, id, new BigDecimal("0.4"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(budgetOf(shop).get("reservedUsd").decimalValue()).isEqualByComparingTo("0.4");

        budget.settle(shop, first, new BigDecimal("0.25"));
        // research re-accounts a stored step with a reservation it holds only by id
        budget.settle(shop, new Reservation(id, BigDecimal.ZERO, Optional.empty()), new BigDecimal("0.25"));

        JsonNode after = budgetOf(shop);
        assertThat(after.get("spentUsd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(after.get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void should_throw_budget_exceeded_with_the_remaining_amount_when_the_estimate_is_over_budget() {
        Caller shop = consumerWithBudget("0.5");
        budget.reserve(shop, BudgetedChat.CallIds.fresh().reservationId(), new BigDecimal("0.2"));

        assertThatThrownBy(() -> budget.reserve(shop, BudgetedChat.CallIds.fresh().reservationId(), new BigDecimal("0.4")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.remainingUsd()).isEqualByComparingTo("0.3");
                    assertThat(e.problem().detail()).contains("consumer budget");
                });
        assertThat(budgetOf(shop).get("reservedUsd").decimalValue()).isEqualByComparingTo("0.2");
    }

    @Test
    void should_return_the_platforms_400_as_the_callers_problem_when_the_id_or_amount_is_refused() {
        Caller shop = consumerWithBudget("1");

        // the form research used before ReservationIds: '/' and '#' are not in the rule
        assertThatThrownBy(() -> budget.reserve(shop, "rt-" + "2".repeat(32) + "/s01#1", new BigDecimal("0.1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e).isNotInstanceOf(BudgetExceededException.class);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("1-64 letters, digits or hyphens");
                });
        assertThatThrownBy(() -> budget.reserve(shop, "x".repeat(65), new BigDecimal("0.1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> budget.reserve(shop, BudgetedChat.CallIds.fresh().reservationId(), new BigDecimal("-1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(budgetOf(shop).get("reservedUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void should_leave_the_budget_alone_and_not_throw_when_settling_an_unknown_reservation() {
        Caller shop = consumerWithBudget("1");

        assertThatCode(() -> budget.settle(shop, new Reservation(BudgetedChat.CallIds.fresh().reservationId(),
                BigDecimal.ONE, Optional.empty()), BigDecimal.ONE)).doesNotThrowAnyException();

        assertThat(budgetOf(shop).get("spentUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void should_report_unavailable_when_the_platform_cannot_be_reached_or_refuses_the_key() {
        var nowhere = new HttpBudget(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:9"), "",
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.reserve(ADMIN, BudgetedChat.CallIds.fresh().reservationId(), BigDecimal.ONE))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));

        var wrongKey = new HttpBudget(HttpClient.newHttpClient(), URI.create(platform.baseUrl()), "not-the-key",
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrongKey.reserve(ADMIN, BudgetedChat.CallIds.fresh().reservationId(), BigDecimal.ONE))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    // locally the gateway treats a call without the key as a client's, to whom the route is hidden
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.problem().detail()).contains("budget API answered 404");
                });
    }

    /** A consumer of its own per test, with a monthly budget of {@code limitUsd}. */
    private Caller consumerWithBudget(String limitUsd) {
        Caller shop = new Caller("shop-" + UUID.randomUUID().toString().substring(0, 8), TENANT, Set.of());
        api.json(ADMIN, "PUT", "/api/v1/platform/budgets/consumer/" + shop.consumerId(),
                Map.of("limitUsd", new BigDecimal(limitUsd), "period", "month"), 200);
        return shop;
    }

    private JsonNode budgetOf(Caller shop) {
        return api.json(ADMIN, "GET", "/api/v1/platform/budgets/consumer/" + shop.consumerId(), null, 200);
    }
}
