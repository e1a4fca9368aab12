package com.aiplatform.local.event;

import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for an Event Grid topic: every published event goes, asynchronously and at
 * least once, to every subscriber (the {@code @EventGridTrigger} functions and any listener that
 * tests or tools register). A failed delivery is retried with doubling delays; when the attempts are
 * used up the event is dead-lettered: logged, recorded, and handed to {@link EventDeadLetters} (the local
 * platform writes a blob as Event Grid does, which the platform app can replay). The last deliveries are
 * kept in a bounded log for tests to read.
 */
public final class LocalEventBus implements EventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

    private final Clock clock;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final int logCapacity;
    private final EventDeadLetters deadLetters;
    private final Map<String, EventSubscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<String, EventSubscriber> inlineSubscribers = new ConcurrentHashMap<>();
    private final Deque<Delivery> log = new ArrayDeque<>();
    private final ScheduledExecutorService executor;

    /**
     * @param maxAttempts     deliveries tried per subscriber before the event is dead-lettered
     * @param firstRetryDelay the wait before the second attempt; it doubles for each further one
     * @param logCapacity     how many deliveries the log keeps
     */
    public LocalEventBus(Clock clock, int maxAttempts, Duration firstRetryDelay, int logCapacity) {
        this(clock, maxAttempts, firstRetryDelay, logCapacity, EventDeadLetters.NONE);
    }

    /** As above, and every dead-lettered event is also written to {@code deadLetters}. */
    public LocalEventBus(Clock clock, int maxAttempts, Duration firstRetryDelay, int logCapacity,
                         EventDeadLetters deadLetters) {
        if (maxAttempts < 1 || logCapacity < 1) {
            throw new IllegalArgumentException("maxAttempts and logCapacity must be at least 1");
        }
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.firstRetryDelay = firstRetryDelay;
        this.logCapacity = logCapacity;
        this.deadLetters = deadLetters;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "event-bus-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static LocalEventBus withDefaults(Clock clock) {
        return new LocalEventBus(clock, 4, Duration.ofMillis(200), 1000);
    }

    /** Adds a subscriber under a unique name; closing the returned handle removes it. */
    public AutoCloseable subscribe(String name, EventSubscriber subscriber) {
        return add(subscribers, name, subscriber);
    }

    /**
     * As {@link #subscribe}, but the first attempt runs on the publisher's thread before {@link #publish}
     * returns (retries are asynchronous as usual). For the local platform's own cheap listeners whose effect
     * must be visible before the publishing request answers: the gateway drops a revoked key from its cache.
     */
    public AutoCloseable subscribeInline(String name, EventSubscriber subscriber) {
        return add(inlineSubscribers, name, subscriber);
    }

    @Override
    public void publish(PlatformEvent event) {
        CloudEventJson.toJson(event); // fails now, in the publisher, if the event cannot travel as a CloudEvent
        Instant published = clock.instant();
        inlineSubscribers.forEach((name, subscriber) -> deliver(event, published, name, subscriber, 1));
        subscribers.forEach((name, subscriber) -> attempt(event, published, name, subscriber, 1));
    }

    private AutoCloseable add(Map<String, EventSubscriber> into, String name, EventSubscriber subscriber) {
        synchronized (subscribers) {
            if (subscribers.containsKey(name) || inlineSubscribers.containsKey(name)) {
                throw new IllegalStateException("An event subscriber named " + name + " already exists");
            }
            into.put(name, subscriber);
        }
        return () -> into.remove(name, subscriber);
    }

    /** The most recent deliveries, oldest first. */
    public List<Delivery> deliveries() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(PlatformEvent event, Instant published, String name, EventSubscriber subscriber, int attempt) {
        Duration delay = attempt == 1 ? Duration.ZERO : firstRetryDelay.multipliedBy(1L << (attempt - 2));
        try {
            executor.schedule(() -> deliver(event, published, name, subscriber, attempt), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("Event bus closed: event {} ({}) not delivered to {}", event.id(), event.type(), name);
        }
    }

    private void deliver(PlatformEvent event, Instant published, String name, EventSubscriber subscriber, int attempt) {
        try {
            subscriber.onEvent(event);
            record(new Delivery(event.id(), event.type(), name, attempt, Delivery.Outcome.DELIVERED, clock.instant()));
        } catch (Exception e) {
            if (attempt < maxAttempts) {
                LOG.warn("Delivering event {} ({}) to {} failed (attempt {} of {}): {}", event.id(), event.type(),
                        name, attempt, maxAttempts, e.toString());
                attempt(event, published, name, subscriber, attempt + 1);
            } else {
                LOG.error("Dead letter: event {} ({}) could not be delivered to {} after {} attempts: {}",
                        event.id(), event.type(), name, attempt, CloudEventJson.toJson(event), e);
                record(new Delivery(event.id(), event.type(), name, attempt, Delivery.Outcome.DEAD_LETTERED,
                        clock.instant()));
                deadLetter(event, published, name, attempt, e);
            }
        }
    }

    /** Event Grid names the outcome of an AzureFunction delivery; here the subscriber's exception stands in for it. */
    private void deadLetter(PlatformEvent event, Instant published, String name, int attempts, Exception failure) {
        String outcome = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        try {
            deadLetters.write(name, new DeadLetteredEvent(CloudEventJson.toJson(event), "MaxDeliveryAttemptsExceeded",
                    attempts, outcome.length() > 500 ? outcome.substring(0, 500) : outcome, null, published,
                    clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("Dead letter of event {} for {} could not be written; it is only in this log", event.id(), name, e);
        }
    }

    private void record(Delivery delivery) {
        synchronized (log) {
            if (log.size() == logCapacity) {
                log.removeFirst();
            }
            log.addLast(delivery);
        }
    }
}
