package com.aiplatform.knowledge.search;

import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/knowledge/ask}: a question, how many sources to ground it in, a metadata filter. */
public record AskRequest(String question, Integer topK, Map<String, String> filter) {

    public static final int MAX_QUESTION_LENGTH = 2000;
    public static final int MAX_SOURCES = 20;

    public AskRequest {
        List<String> errors = new ArrayList<>();
        if (question == null || question.isBlank()) {
            errors.add("question must be a non-empty string");
        } else if (question.length() > MAX_QUESTION_LENGTH) {
            errors.add("question must be at most " + MAX_QUESTION_LENGTH + " characters");
        }
        if (topK != null && (topK < 1 || topK > MAX_SOURCES)) {
            errors.add("topK must be between 1 and " + MAX_SOURCES);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The question is not valid", errors);
        }
        topK = topK == null ? 5 : topK;
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }
}
