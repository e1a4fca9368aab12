package com.aiplatform.assistant.answers;

import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/assistant/files/{fileId}/ask}: a question and how many passages to ground it in. */
public record AskRequest(String question, Integer topK) {

    public static final int MAX_QUESTION_LENGTH = 2000;
    public static final int MAX_PASSAGES = 10;

    public AskRequest {
        List<String> errors = new ArrayList<>();
        if (question == null || question.isBlank()) {
            errors.add("question must be a non-empty string");
        } else if (question.length() > MAX_QUESTION_LENGTH) {
            errors.add("question must be at most " + MAX_QUESTION_LENGTH + " characters");
        }
        if (topK != null && (topK < 1 || topK > MAX_PASSAGES)) {
            errors.add("topK must be between 1 and " + MAX_PASSAGES);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The question is not valid", errors);
        }
        topK = topK == null ? 4 : topK;
    }
}
