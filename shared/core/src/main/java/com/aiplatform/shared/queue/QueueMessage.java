package com.aiplatform.shared.queue;

import java.time.Instant;

/** A received message; {@code popReceipt} proves the receiver's lease and is needed to delete it. */
public record QueueMessage(String id, String popReceipt, String body, long dequeueCount, Instant insertedOn) {
}
