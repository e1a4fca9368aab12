package com.aiplatform.agent.conversation;

import com.aiplatform.shared.problem.ProblemException;

import java.util.List;

/** {@code POST .../conversations/{id}/messages}: what the customer wrote. */
public record MessageRequest(String text) {

    public MessageRequest {
        if (text == null || text.isBlank()) {
            throw ProblemException.validation("The message is not valid", List.of("text must be a non-empty string"));
        }
    }
}
