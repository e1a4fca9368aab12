package com.aiplatform.agent.conversation;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ToolCall;

import java.time.Instant;
import java.util.List;

/**
 * One message as stored: its turn and position in the turn, and what the model saw. A user message may
 * carry the client's {@code messageId} (to answer a retried request from the stored turn); a turn's last
 * assistant message carries the {@code generator} that wrote it.
 */
public record StoredMessage(long turn, int index, ChatMessage.Role role, String content, List<ToolCall> toolCalls,
                            String toolCallId, Instant createdAt, String messageId, String generator) {

    public StoredMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        content = content == null ? "" : content;
    }

    public ChatMessage toChat() {
        return new ChatMessage(role, content, toolCalls, toolCallId);
    }

    public static StoredMessage of(long turn, int index, ChatMessage message, Instant at) {
        return new StoredMessage(turn, index, message.role(), message.content(), message.toolCalls(),
                message.toolCallId(), at, null, null);
    }

    public StoredMessage withMessageId(String id) {
        return new StoredMessage(turn, index, role, content, toolCalls, toolCallId, createdAt, id, generator);
    }

    public StoredMessage withGenerator(String label) {
        return new StoredMessage(turn, index, role, content, toolCalls, toolCallId, createdAt, messageId, label);
    }
}
