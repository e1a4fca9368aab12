package com.aiplatform.shared.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started beside the caller's own, so that its failure reaches the caller as itself. */
public final class Await {

    private Await() {
    }

    /** The result, or the work's own exception (a problem, an unavailable store) rather than a wrapper. */
    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
