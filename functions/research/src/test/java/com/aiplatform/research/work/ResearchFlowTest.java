package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskEvent;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.research.work.TaskService;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.telemetry.TraceContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow over in-memory adapters: plan, fan out, steps, fan in, synthesis, event. */
class ResearchFlowTest {

    private static final String QUESTION = "How long do refunds take, and what does the warranty cover for batteries?";

    @Test
    void should_complete_with_a_report_citing_numbered_sources_when_every_step_succeeds() {
        var kit = new ResearchTestKit();
        Task task = kit.start(QUESTION, 4);

        kit.driver.drain();

        TaskService.Details details = kit.components.tasks().get(ResearchTestKit.ALICE, task.key().id());
        assertThat(details.task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(details.task().percentComplete()).isEqualTo(100);
        assertThat(details.task().planner()).isEqualTo(OfflinePlanner.LABEL);
        assertThat(details.steps()).hasSize(4).allSatisfy(step -> {
            assertThat(step.state()).isEqualTo(StepState.COMPLETED);
            assertThat(step.attempts()).isEqualTo(1);
            assertThat(step.generator()).isEqualTo("extractive-offline");
        });
        assertThat(kit.knowledge.queries()).containsExactlyInAnyOrderElementsOf(
                details.steps().stream().map(Step::question).toList());
        var report = details.report().orElseThrow();
        assertThat(report.generator()).isEqualTo("extractive-offline");
        assertThat(report.text()).contains("five business days").contains("six months").contains("## Sources");
        assertThat(report.citations()).extracting(c -> c.documentId()).contains("returns", "warranty")
                .doesNotContain("secret");
        Matcher cited = Pattern.compile("\\[(\\d+)]").matcher(report.text());
        int citations = 0;
        while (cited.find()) {
            citations++;
            assertThat(Integer.parseInt(cited.group(1))).isBetween(1, report.citations().size());
        }
        assertThat(citations).isGreaterThan(report.citations().size());
    }

    @Test
    void should_log_ordered_events_meter_every_model_call_and_announce_completion_in_the_callers_trace() {
        var kit = new ResearchTestKit();
        Task task = kit.start(QUESTION, 3);

        kit.driver.drain();

        List<TaskEvent> events = kit.task(task).events();
        assertThat(events).extracting(TaskEvent::cursor).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(TaskEvent::type).startsWith("created", "planning", "researching")
                .endsWith("synthesizing", "completed").filteredOn(t -> t.equals("step_completed")).hasSize(3);
        assertThat(kit.usage.records()).hasSize(4).allSatisfy(r -> {
            assertThat(r.correlationId()).isEqualTo(task.key().id());
            assertThat(r.app()).isEqualTo("research");
            assertThat(r.tenantId()).isEqualTo("acme");
            assertThat(r.consumerId()).isEqualTo("alice");
        });
        assertThat(kit.usageRecords("research.step")).isEqualTo(3);
        assertThat(kit.usageRecords("research.synthesize")).isEqualTo(1);
        assertThat(kit.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("AiPlatform.Research.TaskCompleted");
            assertThat(event.data().get("taskId").asText()).isEqualTo(task.key().id());
            assertThat(event.data().get("citations").asInt()).isPositive();
            assertThat(TraceContext.parse(event.traceparent()).orElseThrow().getTraceId())
                    .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        });
        for (String queue : List.of(kit.config.queues().plan(), kit.config.queues().step(), kit.config.queues().synthesize())) {
            assertThat(kit.queue.bodies(queue)).isNotEmpty().allSatisfy(body -> assertThat(
                    TraceContext.parse(Json.tree(body).get("traceparent").asText()).orElseThrow().getTraceId())
                    .isEqualTo("0af7651916cd43dd8448eb211c80319c"));
        }
    }

    @Test
    void should_carry_messages_as_blob_references_when_they_exceed_the_inline_limit() {
        var kit = new ResearchTestKit(Map.of("RESEARCH_MESSAGE_INLINE_MAX_BYTES", "64"));
        Task task = kit.start(QUESTION, 2);

        kit.driver.drain();

        assertThat(kit.task(task).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.queue.bodies(kit.config.queues().step())).hasSize(2).allSatisfy(body -> {
            assertThat(Json.tree(body).get(Messages.PAYLOAD_REF).asText()).startsWith("messages/");
            assertThat(body).doesNotContain(task.key().id());
        });
    }

    @Test
    void should_research_only_the_callers_tenant_and_keep_tasks_apart() {
        var kit = new ResearchTestKit();
        Task alice = kit.start("What is secret about refunds for batteries?", 2);
        Task mallory = kit.start(ResearchTestKit.MALLORY, new com.aiplatform.research.tasks.CreateTaskRequest(
                "What is secret about refunds for batteries?", 2, null, null));

        kit.driver.drain();

        var aliceReport = kit.components.tasks().get(ResearchTestKit.ALICE, alice.key().id()).report().orElseThrow();
        var malloryReport = kit.components.tasks().get(ResearchTestKit.MALLORY, mallory.key().id()).report().orElseThrow();
        assertThat(aliceReport.citations()).extracting(c -> c.documentId()).doesNotContain("secret");
        assertThat(malloryReport.citations()).extracting(c -> c.documentId()).containsOnly("secret");
        assertThat(kit.components.tasks().list(ResearchTestKit.ALICE, java.util.Optional.empty()))
                .extracting(t -> t.key().id()).containsExactly(alice.key().id());
        assertThat(kit.events).extracting(PlatformEvent::subject).containsExactlyInAnyOrder(
                "tenants/acme/research/tasks/" + alice.key().id(), "tenants/other/research/tasks/" + mallory.key().id());
    }
}
