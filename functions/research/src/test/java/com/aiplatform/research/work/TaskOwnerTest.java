package com.aiplatform.research.work;

import com.aiplatform.research.ResearchTestKit;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task searches as its owner, groups included, and is its owner's alone inside the tenant. */
class TaskOwnerTest {

    private static final Caller HR = new Caller("hr-app", TenantId.of("acme"), Set.of(), Set.of("hr", "managers"));
    private static final Caller SALES = new Caller("sales-app", TenantId.of("acme"), Set.of(), Set.of("sales"));
    private static final Caller ADMIN = new Caller("ops", TenantId.of("acme"), Set.of(Caller.ADMIN));

    private final ResearchTestKit kit = new ResearchTestKit();
    private final TaskService service = kit.components.tasks();

    @Test
    void should_search_knowledge_as_the_owner_with_its_groups_when_the_steps_run() {
        kit.knowledge.add("acme", "refunds", "Refunds", "Refunds take five business days to reach the card.");
        Task task = kit.start(HR, new CreateTaskRequest("How long do refunds take?", 2, null, null));

        kit.driver.drain();

        assertThat(service.get(HR, task.key().id()).task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(kit.knowledge.callers()).isNotEmpty().allSatisfy(caller -> {
            assertThat(caller.consumerId()).isEqualTo("hr-app");
            assertThat(caller.groups()).containsExactlyInAnyOrder("hr", "managers");
        });
    }

    @Test
    void should_answer_another_consumers_task_like_a_missing_one_and_let_a_tenant_admin_only_cancel_it() {
        Task task = kit.start(HR, new CreateTaskRequest("How long do refunds take?", 2, null, null));
        String id = task.key().id();

        for (Runnable read : java.util.List.<Runnable>of(() -> service.get(SALES, id), () -> service.events(SALES, id, 0),
                () -> service.cancel(SALES, id), () -> service.get(ADMIN, id))) {
            assertThatThrownBy(read::run)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(service.list(SALES, Optional.empty())).isEmpty();
        assertThat(service.list(HR, Optional.empty())).extracting(t -> t.key().id()).containsExactly(id);
        assertThat(service.cancel(ADMIN, id).status()).isEqualTo(TaskStatus.CANCELLED);
    }
}
