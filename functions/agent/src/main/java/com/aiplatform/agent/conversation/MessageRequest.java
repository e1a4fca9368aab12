package com.aiplatform.agent.conversation;

import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST .../conversations/{id}/messages}: what the customer wrote, and optionally the client's own
 * id for the message, so that a retried request is answered from the stored turn instead of running twice.
 */
public record MessageRequest(String text, String messageId) {

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public MessageRequest {
        List<String> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add("text must be a non-empty string");
        }
        if (messageId != null && !MESSAGE_ID.matcher(messageId).matches()) {
            errors.add("messageId must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The message is not valid", errors);
        }
    }

    public MessageRequest(String text) {
        this(text, null);
    }
}
