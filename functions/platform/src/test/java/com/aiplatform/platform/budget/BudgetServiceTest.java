package com.aiplatform.platform.budget;

import com.aiplatform.platform.Callers;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Budgets on Table storage (Azurite): ETag-conditional updates under real concurrency. */
@ExtendWith(AzuriteExtension.class)
class BudgetServiceTest {

    private final TableStore tables;
    private final BudgetService budgets;

    BudgetServiceTest(Azurite azurite) {
        tables = AzureStorageClients.fromConnectionString(azurite.connectionString()).tableStore();
        budgets = new BudgetService(tables, "budgets" + UUID.randomUUID().toString().replace("-", "").substring(0, 8),
                Clock.systemUTC());
    }

    @Test
    void should_never_overspend_when_many_threads_reserve_at_once() throws Exception {
        String tenant = tenant();
        budgets.set(Callers.admin(tenant), null, "tenant", tenant, new BudgetLimit(new BigDecimal("1.00"), "month"));
        budgets.set(Callers.admin(tenant), null, "consumer", "alice", new BudgetLimit(new BigDecimal("0.70"), "month"));
        Caller alice = Callers.consumer("alice", tenant);
        Caller bob = Callers.consumer("bob", tenant);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            Caller caller = i % 2 == 0 ? alice : bob;
            attempts.add(pool.submit(reserve(caller, "0.05")));
        }
        int aliceGranted = 0;
        int granted = 0;
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).get()) {
                granted++;
                aliceGranted += i % 2 == 0 ? 1 : 0;
            }
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(20);
        assertThat(aliceGranted).isLessThanOrEqualTo(14);
        var whole = budgets.get(Callers.admin(tenant), null, "tenant", tenant);
        assertThat(whole.reservedUsd()).isEqualByComparingTo("1.00");
        assertThat(whole.remainingUsd()).isEqualByComparingTo("0");
        assertThat(budgets.get(Callers.admin(tenant), null, "consumer", "alice").reservedUsd())
                .isEqualByComparingTo(new BigDecimal("0.05").multiply(BigDecimal.valueOf(aliceGranted)));
    }

    @Test
    void should_refuse_with_402_and_the_remaining_budget_when_the_estimate_does_not_fit() {
        String tenant = tenant();
        budgets.set(Callers.admin(tenant), null, "consumer", "alice", new BudgetLimit(new BigDecimal("0.10"), "day"));
        Caller alice = Callers.consumer("alice", tenant);
        budgets.reserve(alice, new ReservationRequest("r1", new BigDecimal("0.08")));

        assertThatThrownBy(() -> budgets.reserve(alice, new ReservationRequest("r2", new BigDecimal("0.05"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.remainingUsd()).isEqualByComparingTo("0.02");
                    assertThat(e.headers()).containsEntry(BudgetExceededException.REMAINING_HEADER, "0.02");
                });
    }

    @Test
    void should_free_the_unused_estimate_and_book_the_actual_cost_once_when_settled_twice() {
        String tenant = tenant();
        budgets.set(Callers.admin(tenant), null, "consumer", "alice", new BudgetLimit(new BigDecimal("1"), "month"));
        Caller alice = Callers.consumer("alice", tenant);
        var reserved = budgets.reserve(alice, new ReservationRequest("r1", new BigDecimal("0.40")));
        assertThat(reserved.remainingUsd()).isEqualByComparingTo("0.60");
        assertThat(budgets.reserve(alice, new ReservationRequest("r1", new BigDecimal("0.40"))).reservedUsd())
                .isEqualByComparingTo("0.40");

        budgets.settle(alice, "r1", new SettleRequest(new BigDecimal("0.15")));
        budgets.settle(alice, "r1", new SettleRequest(new BigDecimal("0.15")));

        var view = budgets.get(alice, null, "consumer", "alice");
        assertThat(view.spentUsd()).isEqualByComparingTo("0.15");
        assertThat(view.reservedUsd()).isEqualByComparingTo("0");
        assertThat(view.remainingUsd()).isEqualByComparingTo("0.85");
    }

    @Test
    void should_give_back_the_consumer_reservation_when_the_tenant_budget_refuses() {
        String tenant = tenant();
        budgets.set(Callers.admin(tenant), null, "consumer", "alice", new BudgetLimit(new BigDecimal("1"), "month"));
        budgets.set(Callers.admin(tenant), null, "tenant", tenant, new BudgetLimit(new BigDecimal("0.01"), "month"));

        assertThatThrownBy(() -> budgets.reserve(Callers.consumer("alice", tenant),
                new ReservationRequest("r1", new BigDecimal("0.50"))))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.problem().extensions()).containsEntry("scope", "tenant"));
        assertThat(budgets.get(Callers.admin(tenant), null, "consumer", "alice").reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void should_grant_without_a_remaining_amount_when_no_budget_is_set_and_hide_other_tenants_budgets() {
        String tenant = tenant();
        var granted = budgets.reserve(Callers.consumer("carol", tenant), new ReservationRequest("r1", new BigDecimal("5")));
        assertThat(granted.remainingUsd()).isNull();

        budgets.set(Callers.admin(tenant), null, "tenant", tenant, new BudgetLimit(BigDecimal.ONE, "month"));
        assertThatThrownBy(() -> budgets.get(Callers.admin("other"), null, "tenant", tenant))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> budgets.get(Callers.admin("other"), tenant, "tenant", tenant))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> budgets.set(Callers.consumer("carol", tenant), null, "tenant", tenant,
                new BudgetLimit(BigDecimal.TEN, "month")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void should_refuse_with_400_when_an_amount_passes_the_range_or_an_id_breaks_its_rule() {
        String tenant = tenant();
        Caller admin = Callers.admin(tenant);
        // A repeat of a held reservation with an amount out of range is refused too, not answered from the record.
        budgets.reserve(Callers.consumer("carol", tenant), new ReservationRequest("tiny", new BigDecimal("1e-999999999")));
        for (String usd : List.of("1e13", "9223372036854775808", "1e30", "1e999999999")) {
            assertThatThrownBy(() -> budgets.set(admin, null, "tenant", tenant, new BudgetLimit(new BigDecimal(usd), "day")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> budgets.reserve(Callers.consumer("carol", tenant),
                    new ReservationRequest("tiny", new BigDecimal(usd))))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(budgets.set(admin, null, "tenant", tenant, new BudgetLimit(new BigDecimal("1000000000"), "day"))
                .limitUsd()).isEqualByComparingTo("1000000000");
        for (String bad : List.of("a/b", "a\\b", "a\r\nb", "x".repeat(1025))) {
            assertThatThrownBy(() -> budgets.set(admin, null, "consumer", bad, new BudgetLimit(BigDecimal.ONE, "day")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> budgets.get(admin, null, "consumer", bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> budgets.settle(Callers.consumer("carol", tenant), bad, new SettleRequest(BigDecimal.ONE)))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private Callable<Boolean> reserve(Caller caller, String usd) {
        return () -> {
            try {
                budgets.reserve(caller, new ReservationRequest(UUID.randomUUID().toString(), new BigDecimal(usd)));
                return true;
            } catch (BudgetExceededException e) {
                return false;
            }
        };
    }

    private static String tenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
