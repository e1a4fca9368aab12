package com.aiplatform.research.work;

import com.aiplatform.research.steps.Evidence;
import com.aiplatform.research.steps.SourceRef;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Source;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Drafts one sub-question's finding from its retrieved passages, citing them as [n]. */
public final class FindingWriter {

    static final String NO_PASSAGES = "The knowledge base returned no passages for this sub-question.";
    static final int MAX_OUTPUT_TOKENS = 300;
    static final String OPERATION = "research.step";
    /** The generator of a finding written without a model call. */
    static final String NO_MODEL = "none";

    private final ModelCalls models;

    public FindingWriter(ModelCalls models) {
        this.models = models;
    }

    /**
     * A finding, the settlement of its model call, the task row as last seen (both null without a model call) and
     * the call's accounting under way (done already without a model call).
     */
    public record Drafted(Step.Finding finding, ModelCalls.Settlement settlement, Task seen,
                          CompletableFuture<Void> accounted) {
    }

    /** Empty when the task stopped or the budget refused the model call. */
    public Optional<Drafted> write(Task task, Step step, List<Evidence.Passage> passages, AtomicLong modelNanos) {
        if (passages.isEmpty()) {
            return Optional.of(new Drafted(new Step.Finding(NO_PASSAGES, List.of(), NO_MODEL, 0, 0, BigDecimal.ZERO), null,
                    null, CompletableFuture.completedFuture(null)));
        }
        List<Source> sources = passages.stream()
                .map(p -> new Source(p.number(), reference(p), p.text())).toList();
        var request = new ChatRequest(List.of(
                ChatMessage.system("You research one part of the question \"" + task.question() + "\". Write the "
                        + "findings for the sub-question below in two to four sentences."),
                ChatMessage.user(step.question())), sources, List.of(), MAX_OUTPUT_TOKENS, 0.2);
        return models.call(task, step.ledgerKey(), OPERATION, request, modelNanos).map(result -> {
            ChatResponse r = result.response();
            return new Drafted(new Step.Finding(r.text(), cited(passages, r), r.generator().label(),
                    r.usage().inputTokens(), r.usage().outputTokens(), result.settlement().costUsd()), result.settlement(),
                    result.seen(), result.accounted());
        });
    }

    /** The passages the finding cites, or all of them when the model cited none. */
    private static List<SourceRef> cited(List<Evidence.Passage> passages, ChatResponse response) {
        List<Evidence.Passage> cited = passages.stream().filter(p -> response.citations().contains(p.number())).toList();
        return (cited.isEmpty() ? passages : cited).stream().map(Evidence.Passage::ref).toList();
    }

    /** After a redelivery: the accounting of the model call behind an already stored finding, made again. */
    public void reaccount(Task task, Step step) {
        if (step.state() == StepState.COMPLETED && step.generator() != null && !NO_MODEL.equals(step.generator())) {
            models.reaccount(task, step.ledgerKey(), OPERATION, step.inputTokens(), step.outputTokens());
        }
    }

    static String reference(Evidence.Passage passage) {
        return (passage.title() == null || passage.title().isBlank() ? passage.documentId() : passage.title())
                + (passage.source() == null ? "" : " (" + passage.source() + ")");
    }
}
