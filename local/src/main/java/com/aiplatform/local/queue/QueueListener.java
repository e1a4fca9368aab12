package com.aiplatform.local.queue;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.hostjson.QueueOptions;
import com.aiplatform.local.invoke.FunctionFailedException;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.aiplatform.local.invoke.TraceParent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls one queue for one function with the queue trigger's semantics: receive up to batchSize,
 * fetch more when in-flight work drops to newBatchThreshold, delete on success, release with
 * visibilityTimeout on failure, and move to {@code <queue>-poison} once a message has failed
 * maxDequeueCount times.
 */
final class QueueListener {

    private static final Logger LOG = LoggerFactory.getLogger(QueueListener.class);

    private final FunctionDefinition function;
    private final String queue;
    private final QueueOptions options;
    private final WorkQueue workQueue;
    private final FunctionInvoker invoker;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Duration lease;
    private final PollingBackoff backoff;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;

    QueueListener(FunctionDefinition function, String queue, QueueOptions options, WorkQueue workQueue,
                  FunctionInvoker invoker, ScheduledExecutorService scheduler, Executor workers, Duration lease) {
        this.function = function;
        this.queue = queue;
        this.options = options;
        this.workQueue = workQueue;
        this.invoker = invoker;
        this.scheduler = scheduler;
        this.workers = workers;
        this.lease = lease;
        this.backoff = new PollingBackoff(options.maxPollingInterval());
    }

    static String poisonQueue(String queue) {
        return queue + "-poison";
    }

    void start() {
        workQueue.createIfMissing(queue);
        workQueue.createIfMissing(poisonQueue(queue));
        schedule(Duration.ZERO);
    }

    void stop() {
        stopped = true;
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true;
        }
    }

    private void poll() {
        if (stopped) {
            return;
        }
        if (inFlight.get() > options.newBatchThreshold()) {
            schedule(PollingBackoff.MINIMUM);
            return;
        }
        Duration next;
        try {
            List<QueueMessage> messages = workQueue.receive(queue, options.batchSize(), lease);
            if (messages.isEmpty()) {
                next = backoff.idle();
            } else {
                backoff.reset();
                next = Duration.ZERO;
                messages.forEach(this::dispatch);
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling queue {} for {} failed: {}", queue, function.qualifiedName(), e.toString());
            next = backoff.idle();
        }
        schedule(next);
    }

    private void dispatch(QueueMessage message) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> process(message));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet(); // shutting down: the lease runs out and the message comes back
        }
    }

    private void process(QueueMessage message) {
        try {
            if (message.dequeueCount() > options.maxDequeueCount()) {
                poison(message); // its earlier attempts never finished (the host stopped mid-run)
                return;
            }
            invoker.invoke(function, message.body(), metadata(message),
                    LocalExecutionContext.start(function.name(), TraceParent.continueFrom(traceparentOf(message))));
            workQueue.delete(queue, message);
        } catch (FunctionFailedException e) {
            LOG.warn("{} failed on message {} of queue {} (attempt {} of {})", function.qualifiedName(), message.id(),
                    queue, message.dequeueCount(), options.maxDequeueCount(), e.getCause());
            settleFailure(message);
        } catch (RuntimeException e) {
            LOG.warn("Settling message {} of queue {} failed; it reappears when its lease ends: {}",
                    message.id(), queue, e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void settleFailure(QueueMessage message) {
        if (message.dequeueCount() >= options.maxDequeueCount()) {
            poison(message);
        } else {
            workQueue.release(queue, message, options.visibilityTimeout());
        }
    }

    private void poison(QueueMessage message) {
        LOG.error("Message {} of queue {} dequeued {} times (maxDequeueCount {}): moved to {}", message.id(), queue,
                message.dequeueCount(), options.maxDequeueCount(), poisonQueue(queue));
        workQueue.send(poisonQueue(queue), message.body());
        workQueue.delete(queue, message);
    }

    /** The metadata the Functions host offers a queue trigger as binding data. */
    private static Map<String, Object> metadata(QueueMessage message) {
        return Map.of("DequeueCount", message.dequeueCount(),
                "Id", message.id(),
                "PopReceipt", message.popReceipt(),
                "InsertionTime", message.insertedOn().atOffset(ZoneOffset.UTC).toString(),
                "QueueTrigger", message.body());
    }

    /** Our messages are JSON that may carry the trace they belong to. */
    private static String traceparentOf(QueueMessage message) {
        String body = message.body();
        if (body == null || !body.startsWith("{") || !body.contains("traceparent")) {
            return null;
        }
        try {
            var node = Json.tree(body).get("traceparent");
            return node == null ? null : node.asText();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
