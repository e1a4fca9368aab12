package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.chat.ChatService;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.usage.CallContext;

import java.util.Optional;

/**
 * The exact-match cache in front of {@link ChatService}, opt-in per product ({@link CachePolicy}, from the gateway
 * definition) and per app ({@code LLM_CACHE_ENABLED}): a non-streaming request seen before from the same tenant,
 * same model and same parameters is answered from the cache at no cost (no budget reservation, no model call, no
 * usage record); any other is answered by the model and, when the policy allows caching, stored.
 */
public final class CachedChat {

    public enum Status {
        HIT, MISS;

        public String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Answer(ChatResponse response, Status cache) {
    }

    private final ChatService chat;
    private final Optional<TableResponseCache> cache;

    public CachedChat(ChatService chat, Optional<TableResponseCache> cache) {
        this.chat = chat;
        this.cache = cache;
    }

    public Answer complete(CallContext context, ChatCall call, CachePolicy policy) {
        if (cache.isEmpty() || call.stream() || policy == CachePolicy.OFF) {
            return new Answer(chat.complete(context, call).response(), Status.MISS);
        }
        var tenant = context.caller().tenant();
        String key = ChatCacheKey.of(tenant, call);
        Optional<ChatResponse> cached = cache.get().get(tenant, key);
        if (cached.isPresent()) {
            return new Answer(cached.get(), Status.HIT);
        }
        ChatResponse response = chat.complete(context, call).response();
        cache.get().put(tenant, key, response);
        return new Answer(response, Status.MISS);
    }
}
