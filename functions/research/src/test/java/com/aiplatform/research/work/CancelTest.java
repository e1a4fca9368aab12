package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancelling in each phase: running work stops at its next checkpoint and nothing after it runs. */
class CancelTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";

    @Test
    void should_never_plan_when_cancelled_while_queued() {
        var kit = new ResearchTestKit();
        Task task = kit.start(QUESTION, 3);
        kit.components.tasks().cancel(ResearchTestKit.ALICE, task.key().id());

        kit.driver.drain();

        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(kit.task(task).reason()).isEqualTo("Cancelled by alice");
        assertThat(kit.components.stores().steps().list(task.key())).isEmpty();
        assertThat(kit.knowledge.searches()).isZero();
    }

    @Test
    void should_create_no_steps_when_cancelled_while_planning() {
        AtomicReference<ResearchTestKit> kitRef = new AtomicReference<>();
        AtomicReference<Task> taskRef = new AtomicReference<>();
        var offline = new OfflinePlanner();
        var kit = new ResearchTestKit(Map.of(), (question, max, model) -> {
            kitRef.get().components.tasks().cancel(ResearchTestKit.ALICE, taskRef.get().key().id());
            return offline.plan(question, max, model);
        });
        kitRef.set(kit);
        taskRef.set(kit.start(QUESTION, 3));

        kit.driver.drain();

        assertThat(kit.task(taskRef.get()).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(kit.components.stores().steps().list(taskRef.get().key())).isEmpty();
        assertThat(kit.queue.sent(kit.config.queues().step())).isZero();
    }

    @Test
    void should_stop_running_steps_at_their_next_checkpoint_when_cancelled_while_researching() {
        var kit = new ResearchTestKit();
        AtomicReference<Task> task = new AtomicReference<>();
        kit.knowledge.onSearch(query -> kit.components.tasks().cancel(ResearchTestKit.ALICE, task.get().key().id()));
        task.set(kit.start(QUESTION, 3));

        kit.driver.drain();

        assertThat(kit.task(task.get()).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(kit.knowledge.searches()).as("only the step that was running searched").isEqualTo(1);
        assertThat(kit.llm.calls()).isZero();
        assertThat(kit.components.stores().steps().list(task.get().key())).extracting(s -> s.state())
                .containsOnly(StepState.SKIPPED, StepState.PENDING).contains(StepState.SKIPPED);
        assertThat(kit.queue.sent(kit.config.queues().synthesize())).isZero();
    }

    @Test
    void should_not_complete_or_announce_when_cancelled_while_synthesizing() {
        var kit = new ResearchTestKit();
        AtomicReference<Task> task = new AtomicReference<>();
        kit.llm.before(request -> {
            if (request.messages().get(0).content().startsWith("Write the summary")) {
                kit.components.tasks().cancel(ResearchTestKit.ALICE, task.get().key().id());
            }
        });
        task.set(kit.start(QUESTION, 2));

        kit.driver.drain();

        Task cancelled = kit.task(task.get());
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.reportPath()).isNull();
        assertThat(kit.events).isEmpty();
        assertThat(kit.components.tasks().get(ResearchTestKit.ALICE, task.get().key().id()).report()).isEmpty();
    }

    @Test
    void should_accept_a_second_cancel_and_refuse_to_cancel_a_completed_task() {
        var kit = new ResearchTestKit();
        Task running = kit.start(QUESTION, 2);
        kit.components.tasks().cancel(ResearchTestKit.ALICE, running.key().id());
        assertThat(kit.components.tasks().cancel(ResearchTestKit.ALICE, running.key().id()).status())
                .isEqualTo(TaskStatus.CANCELLED);

        Task done = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest("What does express delivery cost?", 1, null, null));
        kit.driver.drain();
        assertThat(kit.task(done).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThatThrownBy(() -> kit.components.tasks().cancel(ResearchTestKit.ALICE, done.key().id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void should_fail_the_task_when_it_runs_past_its_max_duration() {
        var kit = new ResearchTestKit();
        kit.knowledge.onSearch(query -> kit.clock.advance(Duration.ofSeconds(11)));
        Task task = kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(QUESTION, 3, null, 10));

        kit.driver.drain();

        Task failed = kit.task(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.reason()).contains("maxDurationSeconds (10 s)");
        assertThat(kit.llm.calls()).isZero();
    }
}
