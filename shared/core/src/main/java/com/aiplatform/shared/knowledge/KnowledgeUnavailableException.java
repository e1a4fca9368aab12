package com.aiplatform.shared.knowledge;

/**
 * The knowledge app could not be reached or refused the call for a reason that is not the caller's
 * request (5xx, timeout, authentication between apps). Callers may retry the whole step later.
 */
public final class KnowledgeUnavailableException extends RuntimeException {

    public KnowledgeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KnowledgeUnavailableException(String message) {
        super(message);
    }
}
