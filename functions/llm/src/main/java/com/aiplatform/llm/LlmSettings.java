package com.aiplatform.llm;

import com.aiplatform.llm.pool.BackendSpec;
import com.aiplatform.llm.pool.PoolOptions;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The llm app's settings, read once at start-up. {@code LLM_BACKENDS} (a JSON array, see {@link BackendSpec})
 * names the pool's deployments; without it the pool holds the one model the platform's shared settings name
 * ({@code LLM_PROVIDER}: the offline extractive method by default). The settings every app shares are in
 * {@link com.aiplatform.shared.runtime.RuntimeSettings}.
 */
public record LlmSettings(List<BackendSpec> backends, Optional<String> chatModelId, int defaultMaxTokens,
                          int maxOutputTokens, long maxRequestBytes, int maxEmbeddingInputs,
                          int breakerMinimumCalls, Duration breakerOpenDuration, boolean cacheEnabled,
                          Duration cacheTtl, int cacheSemanticCandidates) {

    public static LlmSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        LlmSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static LlmSettings read(Settings.Reader read) {
        String backends = read.string("LLM_BACKENDS", "");
        var result = new LlmSettings(List.of(), read.optional("LLM_CHAT_MODEL_ID"),
                read.integer("LLM_DEFAULT_MAX_TOKENS", 512),
                read.integer("LLM_MAX_OUTPUT_TOKENS", 4096),
                read.longValue("LLM_MAX_REQUEST_BYTES", 1024L * 1024),
                read.integer("LLM_MAX_EMBEDDING_INPUTS", 256),
                read.integer("LLM_BREAKER_MINIMUM_CALLS", 5),
                read.duration("LLM_BREAKER_OPEN_DURATION", Duration.ofSeconds(30)),
                read.bool("LLM_CACHE_ENABLED", true),
                read.duration("LLM_CACHE_TTL", Duration.ofMinutes(10)),
                read.integer("LLM_CACHE_SEMANTIC_CANDIDATES", 200));
        if (result.defaultMaxTokens() < 1 || result.maxOutputTokens() < result.defaultMaxTokens()
                || result.maxRequestBytes() < 1 || result.maxEmbeddingInputs() < 1 || result.breakerMinimumCalls() < 1
                || result.breakerOpenDuration().isNegative() || result.breakerOpenDuration().isZero()
                || result.cacheTtl().isNegative() || result.cacheTtl().isZero() || result.cacheSemanticCandidates() < 1) {
            read.problem("LLM_DEFAULT_MAX_TOKENS, LLM_MAX_OUTPUT_TOKENS, "
                    + "LLM_MAX_REQUEST_BYTES, LLM_MAX_EMBEDDING_INPUTS, LLM_BREAKER_*, LLM_CACHE_TTL, LLM_CACHE_SEMANTIC_CANDIDATES must be positive, and the "
                    + "default max tokens at most the maximum");
        }
        List<BackendSpec> pool;
        try {
            pool = BackendSpec.parseAll(backends);
        } catch (MissingSettingsException e) {
            e.problems().forEach(read::problem);
            pool = List.of();
        }
        return new LlmSettings(pool, result.chatModelId(), result.defaultMaxTokens(),
                result.maxOutputTokens(), result.maxRequestBytes(), result.maxEmbeddingInputs(),
                result.breakerMinimumCalls(), result.breakerOpenDuration(), result.cacheEnabled(), result.cacheTtl(),
                result.cacheSemanticCandidates());
    }

    /** The part of these settings the pool is built from. */
    public PoolOptions pool() {
        return new PoolOptions(backends, chatModelId, breakerMinimumCalls, breakerOpenDuration);
    }
}
