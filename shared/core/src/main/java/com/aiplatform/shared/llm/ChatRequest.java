package com.aiplatform.shared.llm;

import java.util.List;

/**
 * A chat completion request. {@code sources} are grounding passages (may be empty); {@code tools}
 * the functions the model may call (may be empty).
 */
public record ChatRequest(List<ChatMessage> messages, List<Source> sources, List<ToolSpec> tools,
                          int maxOutputTokens, double temperature) {

    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("A chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        sources = sources == null ? List.of() : List.copyOf(sources);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }

    /** The last user message, which the offline fallback answers. */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
