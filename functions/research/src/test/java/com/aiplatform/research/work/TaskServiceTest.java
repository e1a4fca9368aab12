package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskEvent;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, reading and listing tasks: validation, tenant isolation, idempotency, cursors. */
class TaskServiceTest {

    private final ResearchTestKit kit = new ResearchTestKit();
    private final TaskService service = kit.components.tasks();

    private static ProblemException problem(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void should_refuse_with_every_error_named_when_question_or_limits_are_invalid() {
        var bad = problem(() -> kit.start(ResearchTestKit.ALICE, new CreateTaskRequest("  ", 0,
                new BigDecimal("-1"), 5)));
        assertThat(bad.status()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) bad.problem().extensions().get("errors");
        assertThat(errors).hasSize(4).anyMatch(e -> e.startsWith("question")).anyMatch(e -> e.startsWith("maxSubquestions"))
                .anyMatch(e -> e.startsWith("maxCostUsd")).anyMatch(e -> e.startsWith("maxDurationSeconds"));
        assertThat(problem(() -> kit.start(ResearchTestKit.ALICE, new CreateTaskRequest("x".repeat(2001), null, null,
                null))).problem().extensions().get("errors").toString()).contains("at most 2000 characters");
        assertThat(problem(() -> kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(null, 11, new BigDecimal("21"),
                86_401))).status()).isEqualTo(400);
        assertThat(kit.components.stores().tasks().list(ResearchTestKit.ALICE.tenant())).isEmpty();
    }

    @Test
    void should_refuse_at_submit_when_the_question_has_nothing_to_plan() {
        for (String question : List.of("\uD83C\uDF89\uD83C\uDF89\uD83C\uDF89", "?!? ...", "what is the")) {
            assertThat(problem(() -> kit.start(ResearchTestKit.ALICE, new CreateTaskRequest(question, null, null, null)))
                    .problem().extensions().get("errors").toString()).contains("at least one word");
        }
        assertThat(kit.components.stores().tasks().list(ResearchTestKit.ALICE.tenant())).isEmpty();
        kit.start(ResearchTestKit.ALICE, new CreateTaskRequest("\uD83C\uDF89 refunds?", null, null, null));
    }

    @Test
    void should_answer_another_tenants_task_exactly_like_an_unknown_one() {
        Task task = kit.start("What does express delivery cost?", 1);
        String unknown = "rt-" + "0".repeat(32);

        var foreign = problem(() -> service.get(ResearchTestKit.MALLORY, task.key().id()));
        var missing = problem(() -> service.get(ResearchTestKit.MALLORY, unknown));
        var malformed = problem(() -> service.get(ResearchTestKit.MALLORY, "../etc"));

        for (var e : List.of(foreign, missing, malformed)) {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.problem().title()).isEqualTo(missing.problem().title());
        }
        assertThat(foreign.problem().detail()).isEqualTo(missing.problem().detail().replace(unknown, task.key().id()));
        assertThat(problem(() -> service.cancel(ResearchTestKit.MALLORY, task.key().id())).status()).isEqualTo(404);
        assertThat(problem(() -> service.events(ResearchTestKit.MALLORY, task.key().id(), 0)).status()).isEqualTo(404);
        assertThat(service.list(ResearchTestKit.MALLORY, Optional.empty())).isEmpty();
        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void should_return_the_same_task_when_the_same_idempotency_key_is_sent_again() {
        var request = new CreateTaskRequest("What does express delivery cost?", 2, null, null);
        Task first = service.create(ResearchTestKit.ALICE, request, "order-42", ResearchTestKit.TRACEPARENT);
        Task again = service.create(ResearchTestKit.ALICE, request, "order-42", ResearchTestKit.TRACEPARENT);
        Task otherCaller = service.create(ResearchTestKit.MALLORY, request, "order-42", ResearchTestKit.TRACEPARENT);

        assertThat(again.key()).isEqualTo(first.key());
        assertThat(otherCaller.key().id()).isNotEqualTo(first.key().id());
        assertThat(problem(() -> service.create(ResearchTestKit.ALICE, new CreateTaskRequest("Another question?", 2,
                null, null), "order-42", null)).status()).isEqualTo(409);
        kit.driver.drain();
        assertThat(kit.task(first).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.events).hasSize(2);
    }

    @Test
    void should_list_by_status_and_page_events_by_cursor() {
        Task done = kit.start("What does express delivery cost?", 1);
        kit.driver.drain();
        kit.clock.advance(java.time.Duration.ofSeconds(1));
        Task queued = kit.start("How long do parcels to Norway take?", 1);

        assertThat(service.list(ResearchTestKit.ALICE, Optional.empty())).extracting(t -> t.key().id())
                .containsExactly(queued.key().id(), done.key().id());
        assertThat(service.list(ResearchTestKit.ALICE, Optional.of(TaskStatus.COMPLETED))).extracting(t -> t.key().id())
                .containsExactly(done.key().id());
        assertThat(problem(() -> TaskRequests.status("finished")).status()).isEqualTo(400);

        List<TaskEvent> all = service.events(ResearchTestKit.ALICE, done.key().id(), 0);
        List<TaskEvent> rest = service.events(ResearchTestKit.ALICE, done.key().id(), 3);
        assertThat(rest).isEqualTo(all.subList(3, all.size()));
        assertThat(service.events(ResearchTestKit.ALICE, done.key().id(), all.size())).isEmpty();
        assertThat(TaskRequests.cursor(null)).isZero();
        for (String bad : List.of("-1", "abc", "1.5")) {
            assertThatThrownBy(() -> TaskRequests.cursor(bad)).isInstanceOf(ProblemException.class);
        }
    }
}
