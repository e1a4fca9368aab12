package com.aiplatform.research.api;

import com.aiplatform.research.work.Messages;
import com.aiplatform.research.work.PlanWorker;
import com.aiplatform.research.work.PoisonHandler;
import com.aiplatform.research.work.StepWorker;
import com.aiplatform.research.work.SynthesisWorker;
import com.aiplatform.research.work.WorkMessage;
import com.aiplatform.shared.telemetry.TraceContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.opentelemetry.context.Scope;

import java.util.function.Consumer;

/**
 * The queue-triggered functions: plan, step and synthesize, and one for each poison queue. Queue names are
 * app settings ({@code %RESEARCH_PLAN_QUEUE%}, ...), bound by the host. A function that throws leaves its
 * message to the queue's retry (host.json {@code visibilityTimeout}, {@code maxDequeueCount}); each message
 * runs in the trace it carries.
 */
public final class WorkerFunctions {

    private final Messages messages;
    private final PlanWorker planner;
    private final StepWorker steps;
    private final SynthesisWorker synthesizer;
    private final PoisonHandler poison;

    public WorkerFunctions(Messages messages, PlanWorker planner, StepWorker steps, SynthesisWorker synthesizer,
                           PoisonHandler poison) {
        this.messages = messages;
        this.planner = planner;
        this.steps = steps;
        this.synthesizer = synthesizer;
        this.poison = poison;
    }

    @FunctionName("researchPlan")
    public void plan(@QueueTrigger(name = "message", queueName = "%RESEARCH_PLAN_QUEUE%",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, planner::run);
    }

    @FunctionName("researchStep")
    public void step(@QueueTrigger(name = "message", queueName = "%RESEARCH_STEP_QUEUE%",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, steps::run);
    }

    @FunctionName("researchSynthesize")
    public void synthesize(@QueueTrigger(name = "message", queueName = "%RESEARCH_SYNTHESIZE_QUEUE%",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, synthesizer::run);
    }

    @FunctionName("researchPlanPoisoned")
    public void planPoisoned(@QueueTrigger(name = "message", queueName = "%RESEARCH_PLAN_QUEUE%-poison",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, poison::planPoisoned);
    }

    @FunctionName("researchStepPoisoned")
    public void stepPoisoned(@QueueTrigger(name = "message", queueName = "%RESEARCH_STEP_QUEUE%-poison",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, poison::stepPoisoned);
    }

    @FunctionName("researchSynthesizePoisoned")
    public void synthesizePoisoned(@QueueTrigger(name = "message", queueName = "%RESEARCH_SYNTHESIZE_QUEUE%-poison",
            connection = "AzureWebJobsStorage") String message) {
        handle(message, poison::synthesizePoisoned);
    }

    private void handle(String body, Consumer<WorkMessage> worker) {
        WorkMessage message = messages.read(body);
        try (Scope ignored = TraceContext.restore(message.traceparent()).makeCurrent()) {
            worker.accept(message);
        }
    }
}
