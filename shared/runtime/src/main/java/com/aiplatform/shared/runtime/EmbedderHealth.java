package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.health.HealthCheck;

/**
 * The health check of an app's embedder: the model and its dimensions, and for the bundled model, which loads in
 * the background, whether it is still loading; a load that failed makes the check fail with its reason, so health
 * says the app cannot embed before a request finds out.
 */
public final class EmbedderHealth {

    private EmbedderHealth() {
    }

    public static HealthCheck check(Embedder embedder) {
        return new HealthCheck("embedder", () -> {
            String model = embedder.model().name() + " (" + embedder.model().dimensions() + " dimensions)";
            if (embedder instanceof ModelLease lease) {
                lease.failure().ifPresent(failure -> {
                    throw new IllegalStateException("Loading " + model + " failed: " + failure.getMessage(), failure);
                });
                return lease.ready() ? model : model + ", loading";
            }
            return model;
        });
    }
}
