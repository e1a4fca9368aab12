package com.aiplatform.research.report;

import com.aiplatform.research.planning.ModelGate;
import com.aiplatform.research.steps.Evidence;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the report: a summary answering the whole question from every retrieved passage (one model call,
 * citing the global [n] numbers), then each sub-question's finding renumbered to the same numbers, then
 * the numbered list of sources. Sub-questions that failed or did not run are listed as such.
 */
public final class ReportWriter {

    static final int MAX_OUTPUT_TOKENS = 600;
    static final int MAX_SOURCES = 24;

    /** Empty when the budget refused the summary's model call. */
    public Optional<Report> write(String question, List<Step> steps, Function<Step, List<Evidence.Passage>> evidence,
                                  ModelGate model) {
        SourceIndex index = new SourceIndex(steps);
        List<Source> sources = new ArrayList<>();
        for (Step step : steps) {
            if (step.state() == StepState.COMPLETED) {
                for (Evidence.Passage passage : evidence.apply(step)) {
                    Integer number = index.numberOfChunk(passage.chunkId());
                    if (number != null && sources.stream().noneMatch(s -> s.number() == number)
                            && sources.size() < MAX_SOURCES) {
                        sources.add(new Source(number, passage.title(), passage.text()));
                    }
                }
            }
        }
        String summary = "No sources were found for this question.";
        String generator = "none";
        if (!sources.isEmpty()) {
            var request = new ChatRequest(List.of(ChatMessage.system("Write the summary of a research report that "
                    + "answers the question from the numbered sources, citing them as [n]."), ChatMessage.user(question)),
                    sources, List.of(), MAX_OUTPUT_TOKENS, 0.2);
            Optional<ChatResponse> response = model.chat(request);
            if (response.isEmpty()) {
                return Optional.empty();
            }
            summary = response.get().text();
            generator = response.get().generator().label();
        }
        return Optional.of(new Report(render(question, summary, steps, index), generator, index.citations()));
    }

    private static String render(String question, String summary, List<Step> steps, SourceIndex index) {
        StringBuilder text = new StringBuilder("# ").append(question.strip()).append("\n\n## Summary\n\n")
                .append(summary.strip()).append("\n\n## Findings\n");
        for (Step step : steps) {
            text.append("\n### ").append(step.index() + 1).append(". ").append(step.question()).append("\n\n");
            if (step.state() == StepState.COMPLETED) {
                text.append(index.renumber(step.index(), step.finding() == null ? "" : step.finding()).strip());
            } else {
                text.append("_Not answered: ").append(step.error() == null ? step.state().wire() : step.error()).append("_");
            }
            text.append('\n');
        }
        text.append("\n## Sources\n\n");
        for (Citation c : index.citations()) {
            text.append('[').append(c.number()).append("] ").append(c.title() == null ? c.documentId() : c.title())
                    .append(" — ").append(c.source() == null ? c.documentId() : c.source())
                    .append(c.chunkId() == null ? "" : " (" + c.chunkId() + ")").append('\n');
        }
        return text.toString();
    }
}
