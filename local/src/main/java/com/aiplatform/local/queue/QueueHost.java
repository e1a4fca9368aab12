package com.aiplatform.local.queue;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HostedApp;
import com.aiplatform.local.discovery.QueueBinding;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.shared.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link QueueListener} for every queue-triggered function, on one polling thread and a small
 * shared pool of workers. On close it stops polling and lets running invocations finish.
 */
public final class QueueHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueHost.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final WorkQueue workQueue;
    private final FunctionInvoker invoker;
    private final Duration lease;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("queue-poller"));
    private final ExecutorService workers;
    private final List<QueueListener> listeners = new ArrayList<>();

    /**
     * @param workers how many messages run at once across all queues
     * @param lease   how long a received message stays hidden while its function runs
     */
    public QueueHost(WorkQueue workQueue, FunctionInvoker invoker, int workers, Duration lease) {
        this.workQueue = workQueue;
        this.invoker = invoker;
        this.lease = lease;
        this.workers = Executors.newFixedThreadPool(workers, threads("queue-worker"));
    }

    public void start(List<HostedApp> apps) {
        for (HostedApp app : apps) {
            for (FunctionDefinition function : app.functions()) {
                if (function.trigger() instanceof QueueBinding binding) {
                    QueueListener listener = new QueueListener(function, binding.queueName(), app.hostJson().queues(),
                            workQueue, invoker, scheduler, workers, lease);
                    listener.start();
                    listeners.add(listener);
                    LOG.info("{}: queue trigger on '{}'", function.qualifiedName(), binding.queueName());
                }
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(QueueListener::stop);
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Queue functions still running after {}; their messages reappear when their leases end",
                        DRAIN_TIMEOUT);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
