package com.aiplatform.research;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.testing.time.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Delivers queue messages to the research functions the way the Functions host does, deterministically:
 * a received message is hidden for a lease, deleted when the function returns, released for the app's
 * host.json {@code visibilityTimeout} when it throws, and copied to {@code <queue>-poison} after
 * {@code maxDequeueCount} attempts. A function that throws {@link WorkerStopped} is a process that died: its
 * message is neither deleted nor released and comes back when its lease ends. Time is the test's clock.
 */
public final class QueueDriver {

    public static final Duration LEASE = Duration.ofMinutes(1);

    /** Thrown by a test's hook to stop a worker in the middle of its work, as a crash would. */
    public static final class WorkerStopped extends Error {
        public WorkerStopped() {
            super("worker stopped");
        }
    }

    private final WorkQueue queue;
    private final ManualClock clock;
    private final Map<String, Consumer<String>> functions = new LinkedHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> poisoned = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxDequeueCount;
    private final Duration visibilityTimeout;

    public QueueDriver(WorkQueue queue, ManualClock clock) {
        this.queue = queue;
        this.clock = clock;
        JsonNode queues = hostJson().path("extensions").path("queues");
        this.maxDequeueCount = queues.path("maxDequeueCount").asInt(5);
        this.visibilityTimeout = Duration.parse("PT" + queues.path("visibilityTimeout").asText("00:00:00")
                .replaceFirst("(\\d+):(\\d+):(\\d+)", "$1H$2M$3S"));
    }

    public QueueDriver on(String queueName, Consumer<String> function) {
        queue.createIfMissing(queueName);
        functions.put(queueName, function);
        return this;
    }

    public int maxDequeueCount() {
        return maxDequeueCount;
    }

    /** Delivers until no message is left, letting time pass while messages wait out a timeout or a lease. */
    public void drain() {
        drain(1);
    }

    /** As {@link #drain()}, with up to {@code threads} messages (from any queue) running at once. */
    public void drain(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5_000; round++) {
                List<Map.Entry<String, QueueMessage>> batch = new ArrayList<>();
                for (String name : functions.keySet()) {
                    queue.receive(name, Math.min(32, Math.max(1, threads)), LEASE).forEach(m -> batch.add(Map.entry(name, m)));
                }
                if (batch.isEmpty()) {
                    if (functions.keySet().stream().allMatch(name -> queue.depth(name) == 0)) {
                        return;
                    }
                    clock.advance(visibilityTimeout.plusSeconds(1));
                    continue;
                }
                List<Future<?>> running = new ArrayList<>();
                batch.forEach(entry -> running.add(pool.submit(() -> deliver(entry.getKey(), entry.getValue()))));
                    for (Future<?> future : running) {
                    future.get();
                }
            }
            throw new AssertionError("Queues never drained");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void deliver(String name, QueueMessage message) {
        if (message.dequeueCount() > maxDequeueCount) {
            poison(name, message);
            return;
        }
        try {
            functions.get(name).accept(message.body());
            queue.delete(name, message);
        } catch (WorkerStopped died) {
            // the process is gone: the message reappears when its lease ends
        } catch (RuntimeException failed) {
            if (message.dequeueCount() >= maxDequeueCount) {
                poison(name, message);
            } else {
                queue.release(name, message, visibilityTimeout);
            }
        }
    }

    /** How many messages of {@code queueName} were moved to its poison queue. */
    public int poisoned(String queueName) {
        return poisoned.getOrDefault(queueName, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    private void poison(String name, QueueMessage message) {
        poisoned.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        queue.send(name + "-poison", message.body());
        queue.delete(name, message);
    }

    private static JsonNode hostJson() {
        try (InputStream in = QueueDriver.class.getResourceAsStream("/functions/research/host.json")) {
            if (in == null) {
                throw new IllegalStateException("functions/research/host.json is not on the test class path");
            }
            return Json.tree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
