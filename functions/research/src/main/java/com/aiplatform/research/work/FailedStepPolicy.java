package com.aiplatform.research.work;

/** What happens to a task when one of its sub-questions fails for good (after the poison queue). */
public enum FailedStepPolicy {
    /** The task ends {@code failed}, naming the step and its error. */
    FAIL_TASK,
    /** The report is written from the steps that succeeded and lists the failed ones; failed only if none did. */
    SYNTHESIZE_REMAINING
}
