package com.aiplatform.shared.tika;

import org.apache.tika.config.TikaConfig;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Tika's default configuration (every parser and detector on the class path; about 2.6 s to load on a loaded
 * 2-core machine), loaded once per process on a background thread that the first {@link MediaTypes} or
 * {@link DocumentReader} starts. So an app's composition does not wait for it and a request that reads no file
 * (a knowledge search) never does; the first request that does waits only for what is left of the load.
 */
final class TikaDefaults {

    private static final CompletableFuture<TikaConfig> CONFIG = CompletableFuture.supplyAsync(
            TikaConfig::getDefaultConfig, task -> {
                Thread thread = new Thread(task, "tika-warm-up");
                thread.setDaemon(true);
                thread.start();
            });

    private TikaDefaults() {
    }

    /** Starts the load if nothing has yet; returns at once. */
    static void warmUp() {
        CONFIG.isDone();
    }

    /** The configuration, waiting for the load when it is still running. */
    static TikaConfig config() {
        try {
            return CONFIG.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Tika's default configuration did not load", e.getCause());
        }
    }
}
