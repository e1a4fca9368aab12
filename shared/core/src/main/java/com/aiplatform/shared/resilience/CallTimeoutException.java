package com.aiplatform.shared.resilience;

import java.time.Duration;

/** One attempt took longer than its limit and was cancelled. Transient: a later attempt may be quicker. */
public final class CallTimeoutException extends RuntimeException {

    private final Duration timeout;

    public CallTimeoutException(String name, Duration timeout) {
        super(name + " did not answer within " + timeout);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
