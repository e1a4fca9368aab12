package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sub-question whose search always fails: its message is retried maxDequeueCount times (host.json), lands in
 * the poison queue, and the poison function fails the step with its last error; the policy decides the task.
 */
class PoisonQueueTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";

    private static ResearchTestKit failingStepOne(Map<String, String> settings) {
        var kit = new ResearchTestKit(settings);
        String broken = new OfflinePlanner().decompose(QUESTION, 3).get(1);
        kit.knowledge.onSearch(query -> {
            if (query.equals(broken)) {
                throw new IllegalStateException("index shard 7 offline");
            }
        });
        return kit;
    }

    @Test
    void should_poison_the_message_and_fail_the_task_with_the_reason_when_a_step_keeps_failing() {
        var kit = failingStepOne(Map.of());
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        assertThat(kit.driver.poisoned(kit.config.queues().step())).isEqualTo(1);
        Step step = kit.components.stores().steps().get(task.key(), 1).orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.FAILED);
        assertThat(step.attempts()).isEqualTo(kit.driver.maxDequeueCount());
        assertThat(step.error()).contains("Gave up after 5 attempts").contains("index shard 7 offline");
        Task failed = kit.task(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.reason()).contains("1 of 3 sub-questions failed").contains("sub-question 2");
        assertThat(kit.usageRecords("research.synthesize")).isZero();
        assertThat(kit.events).isEmpty();
    }

    @Test
    void should_report_from_the_remaining_steps_when_the_policy_allows_it() {
        var kit = failingStepOne(Map.of("RESEARCH_FAILED_STEP_POLICY", "synthesize_remaining"));
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        var details = kit.components.tasks().get(ResearchTestKit.ALICE, task.key().id());
        assertThat(details.task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(details.steps()).extracting(Step::state)
                .containsExactly(StepState.COMPLETED, StepState.FAILED, StepState.COMPLETED);
        assertThat(details.report().orElseThrow().text()).contains("_Not answered: Gave up after 5 attempts")
                .contains("index shard 7 offline");
        assertThat(kit.events).hasSize(1);
    }
}
