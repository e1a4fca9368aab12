package com.aiplatform.platform.deadletters;

import java.time.Instant;

/**
 * The audit record of one replay: who sent which dead letter back where, and when. For a poison-queue
 * message ({@code kind} {@value #QUEUE}) {@code poisonQueue} is the queue and {@code messageId} the message;
 * for an Event Grid dead letter ({@value #EVENT}) they are the dead-letter container and the blob's name,
 * and {@code replayedTo} names the event ids and types published again.
 */
public record Replay(String auditId, Instant replayedAt, String consumerId, String tenantId, String kind,
                     String poisonQueue, String messageId, String replayedTo, String bodySha256) {

    public static final String QUEUE = "queue";
    public static final String EVENT = "event";
}
