package com.aiplatform.local.hostjson;

import java.time.Duration;

/**
 * The {@code extensions.queues} section of host.json, with the Functions host's defaults.
 *
 * @param batchSize          messages fetched per receive (1..32, default 16)
 * @param newBatchThreshold  fetch the next batch when in-flight messages drop to this (default batchSize / 2)
 * @param maxDequeueCount    attempts before a message goes to {@code <queue>-poison} (default 5)
 * @param maxPollingInterval the longest wait between polls of an idle queue (default 1 minute)
 * @param visibilityTimeout  how long a failed message stays hidden before its retry (default 0)
 */
public record QueueOptions(int batchSize, int newBatchThreshold, int maxDequeueCount,
                           Duration maxPollingInterval, Duration visibilityTimeout) {

    public static final int MAX_BATCH_SIZE = 32;

    public QueueOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("queues.batchSize must be between 1 and 32, not " + batchSize);
        }
        if (newBatchThreshold < 0) {
            throw new IllegalArgumentException("queues.newBatchThreshold must not be negative");
        }
        if (maxDequeueCount < 1) {
            throw new IllegalArgumentException("queues.maxDequeueCount must be at least 1, not " + maxDequeueCount);
        }
        if (maxPollingInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("queues.maxPollingInterval must be at least 100 ms");
        }
        if (visibilityTimeout.isNegative()) {
            throw new IllegalArgumentException("queues.visibilityTimeout must not be negative");
        }
    }

    public static QueueOptions defaults() {
        return new QueueOptions(16, 8, 5, Duration.ofMinutes(1), Duration.ZERO);
    }
}
