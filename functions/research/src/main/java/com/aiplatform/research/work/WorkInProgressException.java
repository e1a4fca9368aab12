package com.aiplatform.research.work;

/**
 * Another worker holds this piece of work right now (a duplicate delivery while the first is still
 * running). Thrown so that the queue gives the message back after its visibility timeout; by then the
 * work is finished and the message is a no-op, or the holder died and its claim has lapsed.
 */
public final class WorkInProgressException extends RuntimeException {

    public WorkInProgressException(String message) {
        super(message);
    }
}
