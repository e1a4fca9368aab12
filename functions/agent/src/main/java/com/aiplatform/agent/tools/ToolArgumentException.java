package com.aiplatform.agent.tools;

/** The arguments passed the schema but still make no sense together (e.g. an update that changes nothing). */
public final class ToolArgumentException extends RuntimeException {

    public ToolArgumentException(String message) {
        super(message);
    }
}
