package com.aiplatform.knowledge.search;

import com.aiplatform.shared.llm.Question;
import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/knowledge/ask}: a question, how many sources to ground it in, a metadata filter, and the
 * earlier turns of the conversation (oldest first) that a follow-up question may lean on.
 */
public record AskRequest(String question, Integer topK, Map<String, String> filter, List<Turn> history) {

    public static final int MAX_SOURCES = 20;
    public static final int MAX_TURNS = 20;

    /** One earlier turn: {@code user} or {@code assistant}, and what was said. */
    public record Turn(String role, String content) {
        public static final String USER = "user";
        public static final String ASSISTANT = "assistant";
    }

    public AskRequest(String question, Integer topK, Map<String, String> filter) {
        this(question, topK, filter, null);
    }

    public AskRequest {
        List<String> errors = new ArrayList<>();
        Question.checkText("question", question, errors);
        topK = Question.passages(topK, 5, MAX_SOURCES, errors);
        history = history == null ? List.of() : List.copyOf(history);
        if (history.size() > MAX_TURNS) {
            errors.add("history must hold at most " + MAX_TURNS + " turns");
        }
        for (int i = 0; i < history.size() && history.size() <= MAX_TURNS; i++) {
            Turn turn = history.get(i);
            if (!Turn.USER.equals(turn.role()) && !Turn.ASSISTANT.equals(turn.role())) {
                errors.add("history[" + i + "].role must be user or assistant");
            }
            Question.checkText("history[" + i + "].content", turn.content(), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The question is not valid", errors);
        }
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }
}
