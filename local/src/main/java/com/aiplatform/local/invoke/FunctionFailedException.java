package com.aiplatform.local.invoke;

/** A function threw; the cause is what it threw. The host decides what that means (500, retry, dead letter). */
public final class FunctionFailedException extends RuntimeException {

    public FunctionFailedException(String functionName, Throwable cause) {
        super("Function " + functionName + " failed: " + cause, cause);
    }
}
