package com.aiplatform.research.planning;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the model for the sub-questions, one per line. An answer with no usable line falls back to the
 * {@link OfflinePlanner}, and the plan's label says so.
 */
public final class ModelPlanner implements Planner {

    static final String INSTRUCTION = """
            You plan research over a company's document collection. Split the user's research question into at \
            most %d self-contained sub-questions, each answerable by searching the documents on its own. Cover \
            every part of the question, avoid overlap, and write one sub-question per line with no numbering \
            and nothing else.""";

    private final String modelName;
    private final OfflinePlanner fallback = new OfflinePlanner();

    public ModelPlanner(String modelName) {
        this.modelName = modelName;
    }

    @Override
    public Optional<Plan> plan(String question, int maxSubquestions, ModelGate model) {
        var request = new ChatRequest(List.of(ChatMessage.system(String.format(INSTRUCTION, maxSubquestions)),
                ChatMessage.user(question)), List.of(), List.of(), 60 * maxSubquestions + 50, 0.0);
        Optional<ChatResponse> answer = model.chat(request);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = parse(answer.get().text(), maxSubquestions);
        if (lines.isEmpty()) {
            return Optional.of(new Plan(OfflinePlanner.LABEL + " (the model's plan was unusable)",
                    fallback.decompose(question, maxSubquestions)));
        }
        return Optional.of(new Plan("model:" + modelName, lines));
    }

    static List<String> parse(String text, int max) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            String cleaned = line.strip().replaceFirst("^(?:[-*•]|\\d+[.)])\\s*", "").strip();
            if (cleaned.length() >= 8 && cleaned.length() <= 500) {
                lines.add(cleaned);
            }
        }
        return new ArrayList<>(lines).subList(0, Math.min(max, lines.size()));
    }
}
