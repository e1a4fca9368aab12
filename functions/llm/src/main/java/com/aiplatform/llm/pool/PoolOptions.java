package com.aiplatform.llm.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the pool is made of: its deployments (none: the one model LLM_PROVIDER names), its id, its breakers. */
public record PoolOptions(List<BackendSpec> backends, Optional<String> chatModelId, int breakerMinimumCalls,
                          Duration breakerOpenDuration) {

    public PoolOptions {
        backends = List.copyOf(backends);
    }
}
