package com.aiplatform.agent.conversation;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a retried message from the turn that already answered it: same reply, tool calls and citations,
 * no model call (usage 0) and {@code replayed: true}. This makes sending a message idempotent when the
 * client gives a {@code messageId}.
 */
final class Replays {

    private Replays() {
    }

    static Optional<Views.Reply> find(String conversationId, List<StoredMessage> history, String messageId,
                                      boolean escalated) {
        Optional<StoredMessage> asked = history.stream()
                .filter(m -> m.role() == ChatMessage.Role.USER && messageId.equals(m.messageId())).findFirst();
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        long turn = asked.get().turn();
        List<StoredMessage> messages = history.stream().filter(m -> m.turn() == turn).toList();
        Map<String, ToolCall> calls = new HashMap<>();
        List<Views.ToolCallView> toolCalls = new ArrayList<>();
        Map<String, Views.Citation> citations = new LinkedHashMap<>();
        for (StoredMessage message : messages) {
            message.toolCalls().forEach(call -> calls.put(call.id(), call));
            if (message.role() == ChatMessage.Role.TOOL) {
                ToolCall call = calls.get(message.toolCallId());
                JsonNode result = parse(message.content());
                toolCalls.add(new Views.ToolCallView(call == null ? "unknown" : call.name(),
                        call == null ? null : parse(call.argumentsJson()),
                        result.has("error") ? result.path("status").asText("failed") : "ok",
                        result.has("error") ? result.path("error").asText() : result.path("summary").asText("")));
                for (JsonNode passage : result.path("passages")) {
                    citations.putIfAbsent(passage.path("chunkId").asText(), new Views.Citation(citations.size() + 1,
                            passage.path("documentId").asText(), passage.path("title").asText(null),
                            passage.path("chunkId").asText(), passage.path("source").asText(null)));
                }
            }
        }
        StoredMessage last = messages.get(messages.size() - 1);
        return Optional.of(new Views.Reply(conversationId, turn, last.content(),
                last.generator() == null ? "model" : last.generator(), toolCalls, List.copyOf(citations.values()),
                escalated, new Views.UsageView(0, 0, 0, BigDecimal.ZERO), new Views.WindowView(0, 0), true));
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.tree(json == null ? "{}" : json);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IllegalArgumentException notJson) {
            return Json.mapper().createObjectNode();
        }
    }
}
