package com.aiplatform.platform.deadletters;

/** A {@code -poison} queue, the queue its messages came from, and about how many it holds. */
public record PoisonQueue(String queue, String sourceQueue, long depth) {
}
