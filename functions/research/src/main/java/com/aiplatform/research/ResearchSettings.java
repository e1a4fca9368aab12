package com.aiplatform.research;

import com.aiplatform.research.work.FailedStepPolicy;
import com.aiplatform.research.work.RequestBounds;
import com.aiplatform.shared.settings.Settings;

import java.time.Duration;

/**
 * The research app's settings, read once at start-up. Queue names are also bound by the queue triggers
 * as {@code %RESEARCH_PLAN_QUEUE%} and so on, so they must be set as app settings (the local sample file
 * has them). The settings every app shares (LLM, events, usage) are in
 * {@link com.aiplatform.shared.runtime.RuntimeSettings}; the knowledge API's in
 * {@link com.aiplatform.shared.knowledge.http.KnowledgeApiSettings}.
 */
public record ResearchSettings(String tasksTable, String stepsTable, String container, Queues queues,
                               RequestBounds limits, int stepTopK, FailedStepPolicy failedStepPolicy,
                               int messageInlineMaxBytes, Duration claimTimeout, Duration outboxGrace) {

    public record Queues(String plan, String step, String synthesize) {
    }

    public static ResearchSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        ResearchSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static ResearchSettings read(Settings.Reader read) {
        var result = new ResearchSettings(
                read.string("RESEARCH_TASKS_TABLE", "researchtasks"),
                read.string("RESEARCH_STEPS_TABLE", "researchsteps"),
                read.string("RESEARCH_CONTAINER", "research-payloads"),
                new Queues(read.string("RESEARCH_PLAN_QUEUE", "research-plan"),
                        read.string("RESEARCH_STEP_QUEUE", "research-steps"),
                        read.string("RESEARCH_SYNTHESIZE_QUEUE", "research-synthesize")),
                new RequestBounds(read.integer("RESEARCH_MAX_QUESTION_CHARS", 2000),
                        read.integer("RESEARCH_DEFAULT_SUBQUESTIONS", 4),
                        read.integer("RESEARCH_MAX_SUBQUESTIONS", 10),
                        read.decimal("RESEARCH_DEFAULT_MAX_COST_USD", 0.50),
                        read.decimal("RESEARCH_MAX_COST_USD", 20.0),
                        read.integer("RESEARCH_DEFAULT_MAX_DURATION_SECONDS", 1800),
                        read.integer("RESEARCH_MAX_DURATION_SECONDS", 86_400)),
                read.integer("RESEARCH_STEP_TOP_K", 5),
                read.choice("RESEARCH_FAILED_STEP_POLICY", FailedStepPolicy.class, FailedStepPolicy.FAIL_TASK),
                read.integer("RESEARCH_MESSAGE_INLINE_MAX_BYTES", 16 * 1024),
                read.duration("RESEARCH_CLAIM_TIMEOUT", Duration.ofMinutes(2)),
                read.duration("RESEARCH_OUTBOX_GRACE", Duration.ofSeconds(30)));
        return result;
    }
}
