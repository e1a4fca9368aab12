package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every plan, step and synthesize message delivered twice: the task's outcome and cost are as with once. */
class DuplicateDeliveryTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";
    private static final Map<String, String> PRICED = Map.of("MODEL_PRICES", "extractive-offline=0.001/0.002");

    @Test
    void should_record_each_step_once_synthesize_once_and_count_cost_once_when_every_message_arrives_twice() {
        var kit = new ResearchTestKit(PRICED);
        kit.queue.duplicateEverything(true);
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        Task done = kit.task(task);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        var steps = kit.components.stores().steps().list(task.key());
        assertThat(steps).hasSize(3).allSatisfy(step -> {
            assertThat(step.state()).isEqualTo(StepState.COMPLETED);
            assertThat(step.attempts()).isEqualTo(1);
        });
        assertThat(kit.knowledge.searches()).isEqualTo(3);
        assertThat(kit.llm.calls()).isEqualTo(4);
        assertThat(kit.usageRecords("research.step")).isEqualTo(3);
        assertThat(kit.usageRecords("research.synthesize")).isEqualTo(1);
        assertThat(kit.queue.sent(kit.config.queues().synthesize())).as("synthesize messages the fan-in sent").isEqualTo(1);
        assertThat(kit.queue.sent(kit.config.queues().step())).isEqualTo(3);
        assertThat(kit.events).hasSize(1);
        assertThat(done.ledger().costUsd()).isPositive().isEqualByComparingTo(kit.usageCost());
        assertThat(done.ledger().reservedUsd()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(done.events()).filteredOn(e -> e.type().equals("step_completed")).hasSize(3);
        assertThat(done.events()).filteredOn(e -> e.type().equals("completed")).hasSize(1);
    }

    @Test
    void should_still_synthesize_once_when_duplicates_run_at_the_same_time() {
        var kit = new ResearchTestKit(PRICED);
        kit.queue.duplicateEverything(true);
        Task task = kit.start(QUESTION, 4);

        kit.driver.drain(6);

        Task done = kit.task(task);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.components.stores().steps().list(task.key())).allSatisfy(step ->
                assertThat(step.attempts()).isEqualTo(1));
        assertThat(kit.usageRecords("research.step")).isEqualTo(4);
        assertThat(kit.usageRecords("research.synthesize")).isEqualTo(1);
        assertThat(kit.events).hasSize(1);
        assertThat(done.ledger().costUsd()).isEqualByComparingTo(kit.usageCost());
    }
}
