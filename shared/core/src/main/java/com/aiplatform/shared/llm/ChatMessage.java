package com.aiplatform.shared.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation. Assistant messages may carry tool calls; tool messages answer one; user
 * messages may carry images for a vision-capable model (adapters without vision send the text only).
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId,
                          List<ImagePart> images) {

    public enum Role { SYSTEM, USER, ASSISTANT, TOOL }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        images = images == null ? List.of() : List.copyOf(images);
        if (!images.isEmpty() && role != Role.USER) {
            throw new IllegalArgumentException("Only user messages may carry images");
        }
    }

    public ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
        this(role, content, toolCalls, toolCallId, List.of());
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content, List.of(), null);
    }

    /** A user message with images, for a vision-capable model. */
    public static ChatMessage user(String content, List<ImagePart> images) {
        return new ChatMessage(Role.USER, content, List.of(), null, images);
    }

    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
    }

    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }
}
