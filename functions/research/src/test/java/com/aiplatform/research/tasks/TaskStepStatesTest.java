package com.aiplatform.research.tasks;

import com.aiplatform.shared.identity.TenantId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task row's per-step states, as the fan-in reads and writes them. */
class TaskStepStatesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static Task planned(int steps) {
        Task task = Task.create(new TaskKey(TenantId.of("contoso"), "rt-" + "0".repeat(31) + "1"),
                new Task.Owner("alice", Set.of()), "q", new TaskLimits(steps, BigDecimal.ONE, 600), NOW, null);
        task.planned("offline", Collections.nCopies(steps, "sub-question"), NOW);
        return task;
    }

    @Test
    void should_record_each_final_state_once_and_count_it_when_steps_finish() {
        Task task = planned(3);

        assertThat(task.markStep(0, StepState.COMPLETED)).isTrue();
        assertThat(task.markStep(0, StepState.FAILED)).as("a second report of the same step").isFalse();
        assertThat(task.markStep(2, StepState.FAILED)).isTrue();

        assertThat(List.of(task.stepState(0), task.stepState(1), task.stepState(2)))
                .containsExactly(StepState.COMPLETED, StepState.PENDING, StepState.FAILED);
        assertThat(task.stepsIn(StepState.COMPLETED)).isEqualTo(1);
        assertThat(task.allStepsFinished()).isFalse();
        assertThat(task.markStep(1, StepState.SKIPPED)).isTrue();
        assertThat(task.allStepsFinished()).isTrue();
        assertThat(task.stepStates()).as("the stored form").isEqualTo("DSF");
    }

    @Test
    void should_refuse_a_state_that_is_not_final() {
        Task task = planned(1);

        assertThatThrownBy(() -> task.markStep(0, StepState.RUNNING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StepState.ofSymbol('x')).isInstanceOf(IllegalArgumentException.class);
        assertThat(task.stepState(0)).isEqualTo(StepState.PENDING);
    }
}
