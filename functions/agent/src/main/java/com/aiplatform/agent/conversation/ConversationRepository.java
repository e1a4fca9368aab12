package com.aiplatform.agent.conversation;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations in Table storage. Headers: partition = tenant, row = conversation id. Messages: partition
 * = {@code <tenant>:<conversation id>} (so reading a history reads one partition), row =
 * {@code <turn>-<index>} zero-padded, so a partition lists in conversation order. A turn's messages are
 * written in one batch: all or nothing.
 */
public final class ConversationRepository {

    /** Table storage keeps at most 32k UTF-16 characters in a string property; tool results are cut below it. */
    static final int MAX_CONTENT_CHARS = 30_000;
    private static final TypeReference<List<ToolCall>> TOOL_CALLS = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String headers;
    private final String messages;

    public ConversationRepository(TableStore tables, String headersTable, String messagesTable) {
        this.tables = tables;
        this.headers = headersTable;
        this.messages = messagesTable;
    }

    public Conversation create(TenantId tenant, String conversationId, Instant now) {
        var entity = TableEntity.of(tenant.value(), conversationId, Map.of("createdAt", now, "updatedAt", now,
                "turnCount", 0L, "escalated", false));
        return header(tables.insert(headers, entity));
    }

    public Optional<Conversation> get(TenantId tenant, String conversationId) {
        return tables.get(headers, tenant.value(), conversationId).map(ConversationRepository::header);
    }

    /** Replaces the header if it is unchanged since read; ConcurrencyException if not (or if it is gone). */
    public Conversation replace(Conversation conversation) {
        Map<String, Object> p = new HashMap<>();
        p.put("createdAt", conversation.createdAt());
        p.put("updatedAt", conversation.updatedAt());
        p.put("turnCount", conversation.turnCount());
        p.put("escalated", conversation.escalated());
        putIfPresent(p, "leaseId", conversation.leaseId());
        putIfPresent(p, "leaseUntil", conversation.leaseUntil());
        putIfPresent(p, "escalationReason", conversation.escalationReason());
        putIfPresent(p, "escalatedAt", conversation.escalatedAt());
        return header(tables.replace(headers, new TableEntity(conversation.tenantId(), conversation.conversationId(),
                p, conversation.etag())));
    }

    public List<StoredMessage> messages(TenantId tenant, String conversationId) {
        return tables.list(messages, partition(tenant, conversationId)).stream()
                .map(ConversationRepository::message).toList();
    }

    public void appendTurn(TenantId tenant, String conversationId, List<StoredMessage> turn) {
        List<TableOperation> operations = new ArrayList<>();
        for (StoredMessage message : turn) {
            Map<String, Object> p = new HashMap<>();
            p.put("role", message.role().name().toLowerCase(Locale.ROOT));
            p.put("content", cut(message.content()));
            p.put("createdAt", message.createdAt());
            if (!message.toolCalls().isEmpty()) {
                p.put("toolCalls", toolCallsJson(message.toolCalls()));
            }
            putIfPresent(p, "toolCallId", message.toolCallId());
            putIfPresent(p, "messageId", message.messageId());
            putIfPresent(p, "generator", message.generator());
            operations.add(new TableOperation.Upsert(TableEntity.of(partition(tenant, conversationId),
                    rowKey(message.turn(), message.index()), p)));
        }
        tables.transact(messages, operations);
    }

    /** Removes the header first (the conversation is gone from then on), then its messages. */
    public void delete(TenantId tenant, String conversationId) {
        tables.delete(headers, tenant.value(), conversationId);
        deleteMessages(tenant, conversationId, null);
    }

    /** Deletes the messages of one turn, or of every turn when {@code turn} is null. */
    public void deleteMessages(TenantId tenant, String conversationId, Long turn) {
        String partition = partition(tenant, conversationId);
        List<TableOperation> batch = new ArrayList<>();
        for (TableEntity entity : tables.list(messages, partition)) {
            if (turn == null || entity.rowKey().startsWith(String.format("%06d-", turn))) {
                batch.add(new TableOperation.Delete(partition, entity.rowKey()));
            }
            if (batch.size() == 100) {
                tables.transact(messages, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            tables.transact(messages, batch);
        }
    }

    private static String partition(TenantId tenant, String conversationId) {
        return tenant.value() + ":" + conversationId;
    }

    private static String rowKey(long turn, int index) {
        return String.format("%06d-%03d", turn, index);
    }

    private static String cut(String text) {
        return text.length() <= MAX_CONTENT_CHARS ? text : text.substring(0, MAX_CONTENT_CHARS) + " [cut]";
    }

    /** Arguments too long to store are dropped rather than cut, which would leave invalid JSON behind. */
    private static String toolCallsJson(List<ToolCall> calls) {
        String json = Json.write(calls);
        if (json.length() <= MAX_CONTENT_CHARS) {
            return json;
        }
        return Json.write(calls.stream().map(c -> new ToolCall(c.id(), c.name(), "{}")).toList());
    }

    private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
    }

    private static Conversation header(TableEntity e) {
        return new Conversation(e.partitionKey(), e.rowKey(), instant(e, "createdAt"), instant(e, "updatedAt"),
                e.longValue("turnCount", 0), e.string("leaseId").orElse(null), instantOrNull(e, "leaseUntil"),
                Boolean.TRUE.equals(e.properties().get("escalated")), e.string("escalationReason").orElse(null),
                instantOrNull(e, "escalatedAt"), e.etag());
    }

    private static StoredMessage message(TableEntity e) {
        String[] key = e.rowKey().split("-", 2);
        List<ToolCall> calls = List.of();
        if (e.string("toolCalls").isPresent()) {
            try {
                calls = Json.mapper().readValue(e.string("toolCalls").get(), TOOL_CALLS);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("Message " + e.rowKey() + " has corrupt tool calls", ex);
            }
        }
        return new StoredMessage(Long.parseLong(key[0]), Integer.parseInt(key[1]),
                ChatMessage.Role.valueOf(e.string("role").orElse("user").toUpperCase(Locale.ROOT)),
                e.string("content").orElse(""), calls, e.string("toolCallId").orElse(null), instant(e, "createdAt"),
                e.string("messageId").orElse(null), e.string("generator").orElse(null));
    }

    private static Instant instant(TableEntity e, String name) {
        Instant value = instantOrNull(e, name);
        return value == null ? Instant.EPOCH : value;
    }

    private static Instant instantOrNull(TableEntity e, String name) {
        Object value = e.properties().get(name);
        return value instanceof Instant instant ? instant : value == null ? null : Instant.parse(value.toString());
    }
}
