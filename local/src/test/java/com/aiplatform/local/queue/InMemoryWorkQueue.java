package com.aiplatform.local.queue;

import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A faithful in-memory Storage queue for tests: a received message is hidden for its visibility
 * timeout, its dequeue count grows on every receive, and every receive or release issues a new pop
 * receipt so that a stale one cannot delete or release it. Sending to a queue that was never created
 * fails, as it does in Azure.
 */
public final class InMemoryWorkQueue implements WorkQueue {

    private static final class Entry {
        final String id = UUID.randomUUID().toString();
        final String body;
        final Instant insertedOn;
        Instant visibleAt;
        long dequeueCount;
        String popReceipt = "";

        Entry(String body, Instant insertedOn, Instant visibleAt) {
            this.body = body;
            this.insertedOn = insertedOn;
            this.visibleAt = visibleAt;
        }
    }

    private final Clock clock;
    private final Map<String, List<Entry>> queues = new LinkedHashMap<>();

    public InMemoryWorkQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void createIfMissing(String queue) {
        queues.computeIfAbsent(queue, q -> new ArrayList<>());
    }

    @Override
    public void send(String queue, String body) {
        send(queue, body, Duration.ZERO);
    }

    @Override
    public synchronized void send(String queue, String body, Duration delay) {
        Instant now = clock.instant();
        existing(queue).add(new Entry(body, now, now.plus(delay)));
    }

    @Override
    public synchronized List<QueueMessage> receive(String queue, int max, Duration visibilityTimeout) {
        if (max < 1 || max > 32) {
            throw new IllegalArgumentException("max must be between 1 and 32");
        }
        Instant now = clock.instant();
        List<QueueMessage> received = new ArrayList<>();
        for (Entry entry : existing(queue)) {
            if (received.size() == max) {
                break;
            }
            if (!entry.visibleAt.isAfter(now)) {
                entry.dequeueCount++;
                entry.popReceipt = UUID.randomUUID().toString();
                entry.visibleAt = now.plus(visibilityTimeout);
                received.add(new QueueMessage(entry.id, entry.popReceipt, entry.body, entry.dequeueCount,
                        entry.insertedOn));
            }
        }
        return received;
    }

    @Override
    public synchronized void release(String queue, QueueMessage message, Duration visibleAfter) {
        Entry entry = leased(queue, message).orElseThrow(() ->
                new IllegalStateException("Message " + message.id() + " is gone or its pop receipt is stale"));
        entry.visibleAt = clock.instant().plus(visibleAfter);
        entry.popReceipt = UUID.randomUUID().toString();
    }

    @Override
    public synchronized void delete(String queue, QueueMessage message) {
        List<Entry> entries = existing(queue);
        boolean present = entries.stream().anyMatch(e -> e.id.equals(message.id()));
        if (present && leased(queue, message).isEmpty()) {
            throw new IllegalStateException("The pop receipt of message " + message.id() + " is stale");
        }
        entries.removeIf(e -> e.id.equals(message.id()));
    }

    @Override
    public synchronized long depth(String queue) {
        return existing(queue).size();
    }

    /** The bodies waiting in {@code queue} (visible or not), oldest first. */
    public synchronized List<String> bodies(String queue) {
        return existing(queue).stream().map(e -> e.body).toList();
    }

    public synchronized boolean exists(String queue) {
        return queues.containsKey(queue);
    }

    private Optional<Entry> leased(String queue, QueueMessage message) {
        return existing(queue).stream()
                .filter(e -> e.id.equals(message.id()) && e.popReceipt.equals(message.popReceipt()))
                .findFirst();
    }

    private List<Entry> existing(String queue) {
        List<Entry> entries = queues.get(queue);
        if (entries == null) {
            throw new IllegalStateException("The queue " + queue + " does not exist");
        }
        return entries;
    }
}
