package com.aiplatform.research.report;

import com.aiplatform.research.steps.SourceRef;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.steps.StepTimings;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.identity.TenantId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceIndexTest {

    private static final TaskKey TASK = new TaskKey(TenantId.of("acme"), "rt-" + "a".repeat(32));

    private static Step step(int index, StepState state, String finding, SourceRef... sources) {
        return new Step(TASK, index, "q" + index, state, 1, null, finding, List.of(sources), null, "extractive-offline",
                0, 0, BigDecimal.ZERO, null, StepTimings.NONE, null, null, null);
    }

    private static SourceRef ref(int number, String chunk) {
        return new SourceRef(number, chunk.split("#")[0], "Title " + chunk, chunk, "/docs/" + chunk, "text");
    }

    @Test
    void should_number_each_chunk_once_across_steps_and_renumber_findings_to_match() {
        Step first = step(0, StepState.COMPLETED, "A [1]. B [2].", ref(1, "returns#0"), ref(2, "warranty#0"));
        Step failed = step(1, StepState.FAILED, null, ref(1, "ignored#0"));
        Step third = step(2, StepState.COMPLETED, "C [1][2]. D [1, 3]. E [9].", ref(1, "warranty#0"),
                ref(2, "shipping#0"), ref(3, "returns#0"));

        SourceIndex index = new SourceIndex(List.of(first, failed, third));

        assertThat(index.citations()).extracting(Citation::chunkId).containsExactly("returns#0", "warranty#0", "shipping#0");
        assertThat(index.renumber(0, first.finding())).isEqualTo("A [1]. B [2].");
        assertThat(index.renumber(2, third.finding())).isEqualTo("C [2][3]. D [2][1]. E .");
    }
}
