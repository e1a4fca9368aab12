package com.aiplatform.shared.resilience;

/** The calling thread was interrupted while waiting for an attempt or a backoff; its interrupt flag is set again. */
public final class CallInterruptedException extends RuntimeException {

    public CallInterruptedException(String name, InterruptedException cause) {
        super(name + " was interrupted", cause);
    }
}
