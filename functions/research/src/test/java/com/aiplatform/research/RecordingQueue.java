package com.aiplatform.research;

import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A work queue decorator that counts what the app sends per queue and, when {@code duplicate} is on,
 * delivers every message twice (sends a second copy), as at-least-once delivery may.
 */
public final class RecordingQueue implements WorkQueue {

    private final WorkQueue inner;
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, String>> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean duplicate;

    public RecordingQueue(WorkQueue inner) {
        this.inner = inner;
    }

    public void duplicateEverything(boolean on) {
        this.duplicate = on;
    }

    /** How many messages the app sent to {@code queue} (copies made here not counted). */
    public int sent(String queue) {
        return sent.getOrDefault(queue, new AtomicInteger()).get();
    }

    /** Every body the app sent to {@code queue}, in order. */
    public List<String> bodies(String queue) {
        return bodies.stream().filter(e -> e.getKey().equals(queue)).map(Map.Entry::getValue).toList();
    }

    @Override
    public void createIfMissing(String queue) {
        inner.createIfMissing(queue);
    }

    @Override
    public void send(String queue, String body) {
        send(queue, body, Duration.ZERO);
    }

    @Override
    public void send(String queue, String body, Duration delay) {
        sent.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
        bodies.add(Map.entry(queue, body));
        inner.send(queue, body, delay);
        if (duplicate && !queue.endsWith("-poison")) {
            inner.send(queue, body, delay);
        }
    }

    @Override
    public List<QueueMessage> receive(String queue, int max, Duration visibilityTimeout) {
        return inner.receive(queue, max, visibilityTimeout);
    }

    @Override
    public void release(String queue, QueueMessage message, Duration visibleAfter) {
        inner.release(queue, message, visibleAfter);
    }

    @Override
    public void delete(String queue, QueueMessage message) {
        inner.delete(queue, message);
    }

    @Override
    public List<String> queues(String prefix) {
        return inner.queues(prefix);
    }

    @Override
    public List<QueueMessage> peek(String queue, int max) {
        return inner.peek(queue, max);
    }

    @Override
    public long depth(String queue) {
        return inner.depth(queue);
    }
}
