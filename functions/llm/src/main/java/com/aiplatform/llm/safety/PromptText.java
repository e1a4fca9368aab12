package com.aiplatform.llm.safety;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** One text of a prompt with the role that wrote it: rules may treat the caller's turns unlike the system's. */
public record PromptText(ChatMessage.Role role, String text) {

    public PromptText {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }

    /** Every message's text, and the arguments of every tool call an assistant turn carries. */
    public static List<PromptText> of(ChatRequest request) {
        return request.messages().stream()
                .flatMap(message -> Stream.concat(Stream.of(new PromptText(message.role(), message.content())),
                        message.toolCalls().stream().map(call -> new PromptText(message.role(), call.argumentsJson()))))
                .filter(text -> !text.text().isBlank())
                .toList();
    }
}
