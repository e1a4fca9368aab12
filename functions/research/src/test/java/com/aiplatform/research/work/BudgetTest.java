package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline model priced at $1 per 1,000 tokens (MODEL_PRICES), so that a few calls reach the cap: the
 * task stops as budget_exceeded before its settled cost passes maxCostUsd, because every call first
 * reserves the most it can cost.
 */
class BudgetTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";
    private static final Map<String, String> EXPENSIVE = Map.of("MODEL_PRICES", "extractive-offline=1/1");
    private static final BigDecimal CAP = new BigDecimal("1.2");

    @Test
    void should_stop_as_budget_exceeded_before_passing_max_cost_when_calls_would_exceed_it() {
        var kit = new ResearchTestKit(EXPENSIVE);
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 6, CAP, null));

        kit.driver.drain();

        Task stopped = kit.task(task);
        assertThat(stopped.status()).isEqualTo(TaskStatus.BUDGET_EXCEEDED);
        assertThat(stopped.reason()).contains("would pass maxCostUsd $1.2");
        assertThat(stopped.ledger().costUsd()).isPositive().isLessThanOrEqualTo(CAP).isEqualByComparingTo(kit.usageCost());
        assertThat(kit.usageRecords("research.step")).isBetween(1L, 5L);
        assertThat(kit.usageRecords("research.synthesize")).isZero();
        assertThat(kit.events).isEmpty();
        assertThat(kit.components.stores().steps().list(task.key())).extracting(s -> s.state())
                .contains(StepState.COMPLETED).doesNotContain(StepState.RUNNING);
        assertThat(kit.components.tasks().get(ResearchTestKit.ALICE, task.key().id()).steps())
                .filteredOn(s -> s.state() == StepState.PENDING).allSatisfy(s -> assertThat(s.attempts()).isZero());
        assertThat(stopped.events()).extracting(e -> e.type()).contains("budget_exceeded");
    }

    @Test
    void should_never_settle_past_the_cap_when_steps_run_concurrently() {
        var kit = new ResearchTestKit(EXPENSIVE);
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 8, CAP, null));

        kit.driver.drain(8);

        Task stopped = kit.task(task);
        assertThat(stopped.status()).isEqualTo(TaskStatus.BUDGET_EXCEEDED);
        assertThat(kit.usageCost()).isLessThanOrEqualTo(CAP);
        assertThat(stopped.ledger().committedUsd()).isLessThanOrEqualTo(CAP);
    }

    @Test
    void should_complete_within_the_cap_when_it_is_large_enough() {
        var kit = new ResearchTestKit(EXPENSIVE);
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 2, new BigDecimal("10"), null));

        kit.driver.drain();

        Task done = kit.task(task);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.ledger().costUsd()).isPositive().isEqualByComparingTo(kit.usageCost());
        assertThat(done.ledger().inputTokens()).isPositive();
    }

    @Test
    void should_stop_as_budget_exceeded_when_the_platform_refuses_the_tenants_money() {
        var kit = new ResearchTestKit(EXPENSIVE);
        kit.budget.limit(new BigDecimal("0.5"));
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 4, new BigDecimal("10"), null));

        kit.driver.drain();

        Task stopped = kit.task(task);
        assertThat(stopped.status()).isEqualTo(TaskStatus.BUDGET_EXCEEDED);
        assertThat(stopped.reason()).contains("tenant budget");
        assertThat(kit.budget.committed()).isLessThanOrEqualTo(new BigDecimal("0.5"));
        assertThat(stopped.ledger().committedUsd()).isEqualByComparingTo(kit.usageCost());
        assertThat(kit.events).isEmpty();
    }

    @Test
    void should_reserve_the_platform_budget_once_per_model_call_and_settle_it_at_the_actual_cost() {
        var kit = new ResearchTestKit(EXPENSIVE);
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 2, new BigDecimal("10"), null));

        kit.driver.drain();

        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.budget.committed()).isEqualByComparingTo(kit.usageCost());
        assertThat((long) kit.budget.reservations()).isEqualTo(kit.usageRecords("research.step")
                + kit.usageRecords("research.synthesize") + kit.usageRecords("research.plan"));
    }

    @Test
    void should_retry_the_step_and_complete_when_the_platforms_budget_api_is_unavailable_once() {
        var kit = new ResearchTestKit(EXPENSIVE);
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 2, new BigDecimal("10"), null));
        kit.budget.unavailable(1); // the first model call's reservation (the offline planner calls none)

        kit.driver.drain();

        Task done = kit.task(task);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.components.stores().steps().list(task.key())).extracting(s -> s.attempts()).contains(2);
        assertThat(done.ledger().costUsd()).isEqualByComparingTo(kit.usageCost());
        assertThat(kit.budget.committed()).isEqualByComparingTo(kit.usageCost());
    }
}
