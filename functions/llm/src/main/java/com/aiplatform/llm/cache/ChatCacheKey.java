package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The key of a cached answer: the SHA-256 of a canonical JSON (map keys sorted) of the tenant, the model and the
 * whole pool request (messages, sources, tools, max tokens, temperature) plus the response format. Anything that
 * can change the answer is in it, so two requests share an entry only when the model sees the same thing.
 *
 * <p>For the semantic cache, a request splits in two: the text of its user messages ({@link #userText}), which
 * only has to mean the same, and everything else ({@link #parameters}: system prompt, assistant turns, tool results,
 * tools, sources, max tokens, temperature, response format, model, the roles and order of the messages), which has
 * to be the same exactly.
 */
public final class ChatCacheKey {

    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ChatCacheKey() {
    }

    public static String of(TenantId tenant, ChatCall call) {
        return sha256(Map.of("tenant", tenant.value(), "model", call.model(), "request", call.request(),
                "responseFormat", call.responseFormat().name()));
    }

    /**
     * The hash of everything but the user messages' text, and of the embedding model that compares those texts:
     * two requests are candidates for a semantic match only when this is equal.
     */
    public static String parameters(ChatCall call, String embeddingModel) {
        ChatRequest request = call.request();
        var withoutUserText = new ChatRequest(request.messages().stream()
                .map(m -> m.role() == ChatMessage.Role.USER
                        ? new ChatMessage(m.role(), "", m.toolCalls(), m.toolCallId(), m.images()) : m)
                .toList(), request.sources(), request.tools(), request.maxOutputTokens(), request.temperature());
        return sha256(Map.of("model", call.model(), "request", withoutUserText,
                "responseFormat", call.responseFormat().name(), "embeddingModel", embeddingModel));
    }

    /** Every user message's text, in order, one per line: what a semantic match compares. */
    public static String userText(ChatCall call) {
        return call.request().messages().stream().filter(m -> m.role() == ChatMessage.Role.USER)
                .map(m -> m.content() == null ? "" : m.content()).collect(Collectors.joining("\n"));
    }

    private static String sha256(Map<String, Object> parts) {
        try {
            JsonNode tree = CANONICAL.valueToTree(parts);
            Object canonical = CANONICAL.treeToValue(tree, Object.class);
            byte[] json = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot compute the cache key", e);
        }
    }
}
