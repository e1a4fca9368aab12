package com.aiplatform.shared.queue;

import java.time.Duration;
import java.util.List;

/**
 * At-least-once work queues (Storage queues in Azure, Azurite locally). Bodies are text; the Azure
 * adapter encodes them as base64, which is what queue-triggered functions expect by default.
 * Messages are capped at 64 KB: large payloads go to blob storage with a reference in the message.
 */
public interface WorkQueue {

    int MAX_MESSAGE_BYTES = 48 * 1024;

    void createIfMissing(String queue);

    void send(String queue, String body);

    /** Sends a message that becomes visible after {@code delay}. */
    void send(String queue, String body, Duration delay);

    /** Receives up to {@code max} messages, hiding them from other receivers for {@code visibilityTimeout}. */
    List<QueueMessage> receive(String queue, int max, Duration visibilityTimeout);

    /**
     * Gives a received message back: it becomes visible again after {@code visibleAfter} (zero for at
     * once) and its dequeue count stays as it is. Used when processing failed and may be retried.
     */
    void release(String queue, QueueMessage message, Duration visibleAfter);

    /** Deletes a received message; succeeds if it is already gone. */
    void delete(String queue, QueueMessage message);

    /** An estimate of the messages waiting (visible or not). */
    long depth(String queue);

    /** The names of the queues that exist and start with {@code prefix} ("" for all), sorted. */
    List<String> queues(String prefix);

    /**
     * Up to {@code max} (1-32) visible messages at the head of the queue, without hiding them or counting a
     * dequeue; their {@code popReceipt} is null. For inspection (dead letters), not for processing.
     */
    List<QueueMessage> peek(String queue, int max);
}
