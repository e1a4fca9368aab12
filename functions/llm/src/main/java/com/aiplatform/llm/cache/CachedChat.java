package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.chat.ChatService;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.usage.CallContext;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The cache in front of {@link ChatService}, opt-in per product ({@link CachePolicy}, from the gateway definition)
 * and per app ({@code LLM_CACHE_ENABLED}): a non-streaming request seen before from the same tenant, same model
 * and same parameters is answered from the cache at no cost (no budget reservation, no model call, no usage
 * record); with the {@code semantic} policy, after an exact miss, so is one whose parameters are the same and
 * whose user messages mean nearly the same ({@link SemanticCache}, a cosine similarity at least the product's
 * threshold). Any other is answered by the model and, when the policy allows caching, stored.
 */
public final class CachedChat {

    public enum Status {
        HIT, MISS;

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a hit matched: the same request, or a prompt close enough ({@code similarity}). */
    public enum Match {
        EXACT, SEMANTIC;

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code match} is present on a hit, {@code similarity} on a semantic hit. */
    public record Answer(ChatResponse response, Status cache, Optional<Match> match, OptionalDouble similarity) {

        static Answer miss(ChatResponse response) {
            return new Answer(response, Status.MISS, Optional.empty(), OptionalDouble.empty());
        }
    }

    private final ChatService chat;
    private final Optional<TableResponseCache> cache;
    private final Optional<SemanticCache> semantic;

    public CachedChat(ChatService chat, Optional<TableResponseCache> cache) {
        this(chat, cache, Optional.empty());
    }

    public CachedChat(ChatService chat, Optional<TableResponseCache> cache, Optional<SemanticCache> semantic) {
        this.chat = chat;
        this.cache = cache;
        this.semantic = cache.isPresent() ? semantic : Optional.empty();
    }

    public Answer complete(CallContext context, ChatCall call, CachePolicy policy) {
        if (cache.isEmpty() || call.stream() || policy.mode() == CachePolicy.Mode.OFF) {
            return Answer.miss(chat.complete(context, call).response());
        }
        var tenant = context.caller().tenant();
        String key = ChatCacheKey.of(tenant, call);
        Optional<ChatResponse> cached = cache.get().get(tenant, key);
        if (cached.isPresent()) {
            return new Answer(cached.get(), Status.HIT, Optional.of(Match.EXACT), OptionalDouble.empty());
        }
        Optional<SemanticCache.Probe> probe = policy.mode() == CachePolicy.Mode.SEMANTIC
                ? semantic.flatMap(s -> s.probe(call)) : Optional.empty();
        if (probe.isPresent()) {
            Optional<TableSemanticIndex.Match> near = semantic.get().find(tenant, probe.get(), policy.threshold());
            Optional<ChatResponse> answer = near.flatMap(match -> cache.get().get(tenant, match.key()));
            if (answer.isPresent()) {
                return new Answer(answer.get(), Status.HIT, Optional.of(Match.SEMANTIC),
                        OptionalDouble.of(near.get().similarity()));
            }
        }
        ChatResponse response = chat.complete(context, call).response();
        if (cache.get().put(tenant, key, response) && probe.isPresent()) {
            semantic.get().put(tenant, probe.get(), key);
        }
        return Answer.miss(response);
    }
}
