package com.aiplatform.shared.azure;

/**
 * Azure Storage failed after the SDK's own retries (throttling, outage, missing permission). Let the
 * request fail or the queued job be redelivered; retrying here again would multiply the SDK's retries.
 */
public final class StorageUnavailableException extends RuntimeException {

    private final int statusCode;

    public StorageUnavailableException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status Azure answered with; 403 means the identity lacks a data-plane role. */
    public int statusCode() {
        return statusCode;
    }
}
