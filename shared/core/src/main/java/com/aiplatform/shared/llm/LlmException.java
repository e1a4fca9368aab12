package com.aiplatform.shared.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call failed. {@link #retriable()} says whether trying again may help (429, 5xx, timeouts);
 * {@link #retryAfter()} carries the server's Retry-After when it sent one.
 */
public final class LlmException extends RuntimeException {

    private final boolean retriable;
    private final Duration retryAfter;
    private final int status;

    public LlmException(String message, int status, boolean retriable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    public boolean retriable() {
        return retriable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status, or 0 when the call never got an answer. */
    public int status() {
        return status;
    }
}
