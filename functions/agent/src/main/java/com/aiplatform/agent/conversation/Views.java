package com.aiplatform.agent.conversation;

import com.aiplatform.agent.tools.ToolExecution;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the agent API (documented in openapi/agent.yaml). */
public final class Views {

    private Views() {
    }

    public record ConversationView(String conversationId, String status, Instant createdAt, Instant updatedAt,
                                   Escalation escalation, List<MessageView> messages) {
    }

    public record Escalation(String reason, Instant at) {
    }

    public record MessageView(long turn, String role, String content, List<ToolCallRequest> toolCalls,
                              String toolCallId, Instant createdAt) {
    }

    public record ToolCallRequest(String id, String name, String arguments) {
    }

    public record Reply(String conversationId, long turn, String reply, String generator, List<ToolCallView> toolCalls,
                        List<Citation> citations, boolean escalated, UsageView usage, WindowView window,
                        boolean replayed) {
    }

    public record ToolCallView(String name, JsonNode arguments, String status, String summary) {
    }

    public record Citation(int number, String documentId, String title, String chunkId, String source) {
    }

    public record UsageView(int modelCalls, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    public record WindowView(int historyTokens, int droppedMessages) {
    }

    static ConversationView conversation(Conversation c, List<StoredMessage> messages) {
        List<MessageView> views = messages.stream().map(m -> new MessageView(m.turn(),
                m.role().name().toLowerCase(Locale.ROOT), m.content(),
                m.toolCalls().isEmpty() ? null : m.toolCalls().stream()
                        .map(call -> new ToolCallRequest(call.id(), call.name(), call.argumentsJson())).toList(),
                m.toolCallId(), m.createdAt())).toList();
        return new ConversationView(c.conversationId(), c.escalated() ? "escalated" : "active", c.createdAt(),
                c.updatedAt(), c.escalated() ? new Escalation(c.escalationReason(), c.escalatedAt()) : null, views);
    }

    static List<ToolCallView> toolCalls(List<ToolExecution> executions) {
        return executions.stream().map(e -> new ToolCallView(e.name(), e.arguments(), e.status().label(), e.summary()))
                .toList();
    }

    /** Each passage the knowledge base returned in the turn, once, numbered in order of retrieval. */
    static List<Citation> citations(List<ToolExecution> executions) {
        Map<String, KnowledgeHit> passages = new LinkedHashMap<>();
        executions.forEach(e -> e.passages().forEach(hit -> passages.putIfAbsent(hit.chunkId(), hit)));
        List<Citation> citations = new ArrayList<>();
        for (KnowledgeHit hit : passages.values()) {
            citations.add(new Citation(citations.size() + 1, hit.documentId(), hit.title(), hit.chunkId(), hit.source()));
        }
        return citations;
    }
}
