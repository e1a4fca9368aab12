package com.aiplatform.shared.azure.errors;

/**
 * An Azure service (Storage, Event Grid) failed after the SDK's own retries: throttling, an outage or a
 * missing role assignment. Let the request fail or the queued job be redelivered; retrying here again
 * would multiply the SDK's retries.
 */
public final class AzureUnavailableException extends RuntimeException {

    private final int statusCode;

    public AzureUnavailableException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status Azure answered with; 403 means the identity lacks a data-plane role. */
    public int statusCode() {
        return statusCode;
    }
}
