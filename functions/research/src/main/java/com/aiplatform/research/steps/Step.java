package com.aiplatform.research.steps;

import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.TaskKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One sub-question of a task and what researching it produced: the finding (with [n] citations into
 * {@code sources}), where the full evidence passages are (a blob), tokens, cost and timings.
 */
public record Step(TaskKey task, int index, String question, StepState state, int attempts, Instant claimUntil,
                   String finding, List<SourceRef> sources, String evidence, String generator,
                   long inputTokens, long outputTokens, BigDecimal costUsd, String error, StepTimings timings,
                   Instant startedAt, Instant finishedAt, String etag) {

    public Step {
        sources = sources == null ? List.of() : List.copyOf(sources);
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        timings = timings == null ? StepTimings.NONE : timings;
    }

    public static Step pending(TaskKey task, int index, String question) {
        return new Step(task, index, question, StepState.PENDING, 0, null, null, List.of(), null, null, 0, 0,
                BigDecimal.ZERO, null, StepTimings.NONE, null, null, null);
    }

    /** The ledger key of this step's model call in its current attempt. */
    public String ledgerKey() {
        return String.format("s%02d#%d", index, attempts);
    }

    public boolean claimedAt(Instant now) {
        return state == StepState.RUNNING && claimUntil != null && claimUntil.isAfter(now);
    }

    public Step claimed(Instant now, Instant until) {
        return new Step(task, index, question, StepState.RUNNING, attempts + 1, until, finding, sources, evidence,
                generator, inputTokens, outputTokens, costUsd, error, timings, startedAt == null ? now : startedAt,
                null, etag);
    }

    public Step completed(Finding result, String evidence, StepTimings spent, Instant now) {
        return new Step(task, index, question, StepState.COMPLETED, attempts, null, result.text(), result.sources(),
                evidence, result.generator(), result.inputTokens(), result.outputTokens(), result.costUsd(), null,
                spent, startedAt, now, etag);
    }

    public Step ended(StepState end, String why, Instant now) {
        return new Step(task, index, question, end, attempts, null, finding, sources, evidence, generator,
                inputTokens, outputTokens, costUsd, why, timings, startedAt, now, etag);
    }

    public Step withError(String why) {
        return new Step(task, index, question, state, attempts, claimUntil, finding, sources, evidence, generator,
                inputTokens, outputTokens, costUsd, why, timings, startedAt, finishedAt, etag);
    }

    /** What a step found: the text, its sources, what wrote it and what it cost. */
    public record Finding(String text, List<SourceRef> sources, String generator, long inputTokens, long outputTokens,
                          BigDecimal costUsd) {
    }
}
