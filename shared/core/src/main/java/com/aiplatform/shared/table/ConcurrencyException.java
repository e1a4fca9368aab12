package com.aiplatform.shared.table;

/**
 * A conditional write lost a race: the entity changed (stale ETag) or already exists. Read it again
 * and retry the change, or treat the other writer's result as final.
 */
public final class ConcurrencyException extends RuntimeException {

    public ConcurrencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
