package com.aiplatform.shared.queue.memory;

import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link WorkQueue} in memory that behaves like a Storage queue: a received message stays hidden for
 * its visibility timeout and then comes back with a higher dequeue count, a new pop receipt voids the
 * old one, and time comes from the injected {@link Clock}, so tests move it instead of sleeping.
 */
public final class InMemoryWorkQueue implements WorkQueue {

    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final int MAX_RECEIVE = 32;

    private final Clock clock;
    private final Map<String, Map<String, Entry>> queues = new HashMap<>();

    public InMemoryWorkQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void createIfMissing(String queue) {
        validateName(queue);
        queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
    }

    @Override
    public void send(String queue, String body) {
        send(queue, body, Duration.ZERO);
    }

    @Override
    public synchronized void send(String queue, String body, Duration delay) {
        Objects.requireNonNull(body, "body");
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("Queue message is " + size + " bytes, over " + MAX_MESSAGE_BYTES
                    + "; store the payload as a blob and send its key");
        }
        createIfMissing(queue);
        Instant now = clock.instant();
        Entry entry = new Entry(UUID.randomUUID().toString(), body, now);
        entry.visibleAt = now.plus(delay);
        queues.get(queue).put(entry.id, entry);
    }

    @Override
    public synchronized List<QueueMessage> receive(String queue, int max, Duration visibilityTimeout) {
        if (max < 1 || max > MAX_RECEIVE) {
            throw new IllegalArgumentException("A receive takes 1 to " + MAX_RECEIVE + " messages, not " + max);
        }
        validateName(queue);
        Instant now = clock.instant();
        List<QueueMessage> received = new ArrayList<>();
        for (Entry entry : queues.getOrDefault(queue, Map.of()).values()) {
            if (received.size() == max) {
                break;
            }
            if (!entry.visibleAt.isAfter(now)) {
                entry.visibleAt = now.plus(visibilityTimeout);
                entry.dequeueCount++;
                entry.popReceipt = UUID.randomUUID().toString();
                received.add(new QueueMessage(entry.id, entry.popReceipt, entry.body, entry.dequeueCount,
                        entry.insertedOn));
            }
        }
        return received;
    }

    @Override
    public synchronized void release(String queue, QueueMessage message, Duration visibleAfter) {
        Entry entry = leased(queue, message);
        if (entry != null) {
            entry.visibleAt = clock.instant().plus(visibleAfter);
            entry.popReceipt = UUID.randomUUID().toString();
        }
    }

    @Override
    public synchronized void delete(String queue, QueueMessage message) {
        if (leased(queue, message) != null) {
            queues.get(queue).remove(message.id());
        }
    }

    @Override
    public synchronized long depth(String queue) {
        validateName(queue);
        return queues.getOrDefault(queue, Map.of()).size();
    }

    @Override
    public synchronized List<String> queues(String prefix) {
        return queues.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    @Override
    public synchronized List<QueueMessage> peek(String queue, int max) {
        if (max < 1 || max > MAX_RECEIVE) {
            throw new IllegalArgumentException("A peek takes 1 to " + MAX_RECEIVE + " messages, not " + max);
        }
        validateName(queue);
        Instant now = clock.instant();
        return queues.getOrDefault(queue, Map.of()).values().stream().filter(e -> !e.visibleAt.isAfter(now))
                .limit(max).map(e -> new QueueMessage(e.id, null, e.body, e.dequeueCount, e.insertedOn)).toList();
    }

    /** What tests inspect: the bodies waiting in {@code queue} (visible or not), oldest first. */
    public synchronized List<String> bodies(String queue) {
        return queues.getOrDefault(queue, Map.of()).values().stream().map(e -> e.body).toList();
    }

    public synchronized boolean exists(String queue) {
        return queues.containsKey(queue);
    }

    /** The message if it is still there; {@link IllegalStateException} if another receiver holds it now. */
    private Entry leased(String queue, QueueMessage message) {
        validateName(queue);
        Entry entry = queues.getOrDefault(queue, Map.of()).get(message.id());
        if (entry != null && !message.popReceipt().equals(entry.popReceipt)) {
            throw new IllegalStateException("Message " + message.id() + " was received again since this receipt "
                    + "was issued; its new receiver owns it now");
        }
        return entry;
    }

    private static void validateName(String queue) {
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("Queue name must be 3-63 lower-case letters, digits and single "
                    + "hyphens, starting and ending with a letter or digit: " + queue);
        }
    }

    private static final class Entry {
        private final String id;
        private final String body;
        private final Instant insertedOn;
        private Instant visibleAt;
        private long dequeueCount;
        private String popReceipt;

        private Entry(String id, String body, Instant insertedOn) {
            this.id = id;
            this.body = body;
            this.insertedOn = insertedOn;
        }
    }
}
