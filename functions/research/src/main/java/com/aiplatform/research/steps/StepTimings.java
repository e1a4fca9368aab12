package com.aiplatform.research.steps;

/**
 * Where a step's wall time went, in milliseconds: waiting in the queue, in the knowledge search, in the
 * model, and the whole function run. {@code total - search - model} is the orchestration overhead.
 */
public record StepTimings(long queueWaitMs, long searchMs, long modelMs, long totalMs) {

    public static final StepTimings NONE = new StepTimings(0, 0, 0, 0);

    public long overheadMs() {
        return Math.max(0, totalMs - searchMs - modelMs);
    }
}
