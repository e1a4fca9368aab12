package com.aiplatform.research.work;

import com.aiplatform.research.QueueDriver;
import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that stops in the middle of its work (the process dies): its message is neither deleted nor
 * released, comes back when its lease ends, and the next delivery takes over the lapsed claim and finishes.
 */
class WorkerStopTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";

    @Test
    void should_finish_the_task_when_a_worker_stops_mid_step() {
        var kit = new ResearchTestKit();
        String victim = new OfflinePlanner().decompose(QUESTION, 3).get(1);
        AtomicBoolean stopped = new AtomicBoolean();
        kit.knowledge.onSearch(query -> {
            if (query.equals(victim) && stopped.compareAndSet(false, true)) {
                throw new QueueDriver.WorkerStopped();
            }
        });
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        assertThat(stopped).isTrue();
        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.COMPLETED);
        Step step = kit.components.stores().steps().get(task.key(), 1).orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.COMPLETED);
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(kit.usageRecords("research.step")).isEqualTo(3);
        assertThat(kit.events).hasSize(1);
    }

    @Test
    void should_send_a_steps_usage_record_once_when_the_worker_stops_before_sending_it() {
        var kit = new ResearchTestKit(Map.of("MODEL_PRICES", "extractive-offline=0.001/0.001"));
        AtomicBoolean stopped = new AtomicBoolean();
        kit.onUsage(record -> {
            if (record.operation().equals("research.step") && stopped.compareAndSet(false, true)) {
                throw new QueueDriver.WorkerStopped(); // the step's result is written beside this; the message stays
            }
        });
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        Task done = kit.task(task);
        assertThat(stopped).isTrue();
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.components.stores().steps().list(task.key())).extracting(Step::attempts)
                .as("no sub-question researched twice").containsOnly(1);
        assertThat(kit.usageRecords("research.step")).as("the redelivered message sent the lost record").isEqualTo(3);
        assertThat(done.ledger().costUsd()).isPositive().isEqualByComparingTo(kit.usageCost());
    }

    @Test
    void should_finish_the_task_when_a_worker_stops_mid_synthesis() {
        var kit = new ResearchTestKit(Map.of("MODEL_PRICES", "extractive-offline=0.001/0.001"));
        AtomicBoolean stopped = new AtomicBoolean();
        kit.llm.before(request -> {
            if (request.messages().get(0).content().startsWith("Write the summary") && stopped.compareAndSet(false, true)) {
                throw new QueueDriver.WorkerStopped();
            }
        });
        Task task = kit.start(QUESTION, 2);

        kit.driver.drain();

        Task done = kit.task(task);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.claimAttempt()).as("one planning claim, two synthesis claims").isEqualTo(3);
        assertThat(kit.usageRecords("research.synthesize")).isEqualTo(1);
        assertThat(kit.events).hasSize(1);
        assertThat(done.ledger().entries()).containsKeys("synth#2", "synth#3");
        assertThat(done.ledger().entries().get("synth#2").settled())
                .as("a call the dead worker may have made stays reserved").isFalse();
    }

    @Test
    void should_finish_the_task_when_a_worker_stops_mid_plan() {
        AtomicBoolean stopped = new AtomicBoolean();
        var offline = new OfflinePlanner();
        var kit = new ResearchTestKit(Map.of(), (question, max, model) -> {
            if (stopped.compareAndSet(false, true)) {
                throw new QueueDriver.WorkerStopped();
            }
            return offline.plan(question, max, model);
        });
        Task task = kit.start(QUESTION, 2);

        kit.driver.drain();

        assertThat(stopped).isTrue();
        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.queue.sent(kit.config.queues().step())).isEqualTo(2);
    }
}
