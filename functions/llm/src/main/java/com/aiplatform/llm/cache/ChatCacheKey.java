package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The key of a cached answer: the SHA-256 of a canonical JSON (map keys sorted) of the tenant, the model and the
 * whole pool request (messages, sources, tools, max tokens, temperature) plus the response format. Anything that
 * can change the answer is in it, so two requests share an entry only when the model sees the same thing.
 */
public final class ChatCacheKey {

    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ChatCacheKey() {
    }

    public static String of(TenantId tenant, ChatCall call) {
        try {
            JsonNode request = CANONICAL.valueToTree(call.request());
            Object canonical = CANONICAL.treeToValue(CANONICAL.valueToTree(Map.of(
                    "tenant", tenant.value(), "model", call.model(), "request", request,
                    "responseFormat", call.responseFormat().name())), Object.class);
            byte[] json = CANONICAL.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot compute the cache key", e);
        }
    }
}
