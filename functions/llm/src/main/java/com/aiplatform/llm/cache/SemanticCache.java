package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.text.TokenCounter;

import java.util.Optional;

/**
 * The semantic half of the cache: the user messages' text ({@link ChatCacheKey#userText}) embedded with the app's
 * own embedder, compared with the prompts of cached answers that have the same parameters. A prompt the embedder
 * would truncate is never compared (two long prompts that differ only past the model's input limit would look
 * alike), nor is an empty one: those calls use the exact cache only.
 */
public final class SemanticCache {

    /** A request's parameter hash and its prompt's embedding: what a lookup and a store need. */
    public record Probe(String parameters, float[] embedding) {
    }

    /** Room for the tokens the embedder adds around the text ([CLS], [SEP]). */
    private static final int FRAMING_TOKENS = 2;

    private final Embedder embedder;
    private final TokenCounter tokens;
    private final TableSemanticIndex index;

    public SemanticCache(Embedder embedder, TokenCounter tokens, TableSemanticIndex index) {
        this.embedder = embedder;
        this.tokens = tokens;
        this.index = index;
    }

    /** The probe of this call, or empty when its prompt is empty or longer than the embedder reads. */
    public Optional<Probe> probe(ChatCall call) {
        String text = ChatCacheKey.userText(call);
        if (text.isBlank() || tokens.count(text) + FRAMING_TOKENS > embedder.model().maxInputTokens()) {
            return Optional.empty();
        }
        return Optional.of(new Probe(ChatCacheKey.parameters(call, embedder.model().name()), embedder.embed(text)));
    }

    public Optional<TableSemanticIndex.Match> find(TenantId tenant, Probe probe, double threshold) {
        return index.find(tenant, probe.parameters(), probe.embedding(), threshold);
    }

    public void put(TenantId tenant, Probe probe, String key) {
        index.put(tenant, probe.parameters(), key, probe.embedding());
    }
}
