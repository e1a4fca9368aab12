package com.aiplatform.assistant.answers;

import com.aiplatform.shared.llm.Question;
import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/assistant/files/{fileId}/ask}: a question and how many passages to ground it in. */
public record AskRequest(String question, Integer topK) {

    public static final int MAX_PASSAGES = 10;

    public AskRequest {
        List<String> errors = new ArrayList<>();
        Question.checkText("question", question, errors);
        topK = Question.passages(topK, 4, MAX_PASSAGES, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The question is not valid", errors);
        }
    }
}
