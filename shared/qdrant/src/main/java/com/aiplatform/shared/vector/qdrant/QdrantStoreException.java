package com.aiplatform.shared.vector.qdrant;

/**
 * A call to Qdrant failed. {@link #retriable()} is true when the same call may succeed later (the server
 * was unavailable, overloaded or too slow); otherwise the request or the configuration must change first.
 */
public final class QdrantStoreException extends RuntimeException {

    private final boolean retriable;
    private final String status;

    QdrantStoreException(String message, String status, boolean retriable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The gRPC status code name, e.g. {@code UNAVAILABLE}; {@code UNKNOWN} when there was none. */
    public String status() {
        return status;
    }
}
