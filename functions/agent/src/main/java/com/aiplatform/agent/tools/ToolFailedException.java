package com.aiplatform.agent.tools;

/** A tool could not do its work for a reason the model and the user should hear (not found, unavailable). */
public final class ToolFailedException extends RuntimeException {

    public ToolFailedException(String message) {
        super(message);
    }

    public ToolFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
