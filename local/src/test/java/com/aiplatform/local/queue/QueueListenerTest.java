package com.aiplatform.local.queue;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.ParameterSource;
import com.aiplatform.local.discovery.QueueBinding;
import com.aiplatform.local.hostjson.QueueOptions;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueueListenerTest {

    public static final class Counting {
        final AtomicInteger calls = new AtomicInteger();

        @FunctionName("count")
        public void run(@QueueTrigger(name = "m", queueName = "jobs") String message) {
            calls.incrementAndGet();
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void should_poison_without_running_when_message_arrives_already_past_max_dequeue_count() throws Exception {
        InMemoryWorkQueue queue = new InMemoryWorkQueue(Clock.systemUTC());
        queue.createIfMissing("jobs");
        queue.send("jobs", "abandoned");
        for (int i = 0; i < 3; i++) {
            queue.receive("jobs", 1, Duration.ZERO); // three runs that died before settling the message
        }
        Counting counting = new Counting();
        FunctionDefinition function = new FunctionDefinition("test", "count", counting,
                Counting.class.getMethod("run", String.class), new QueueBinding("jobs", "AzureWebJobsStorage"),
                List.of(new ParameterSource.TriggerValue(String.class)));
        QueueOptions options = new QueueOptions(4, 2, 3, Duration.ofMillis(100), Duration.ZERO);
        QueueListener listener = new QueueListener(function, "jobs", options, queue, new FunctionInvoker(),
                scheduler, workers, Duration.ofMinutes(5));

        listener.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.bodies("jobs-poison").contains("abandoned"));
        listener.stop();
        assertThat(queue.bodies("jobs")).isEmpty();
        assertThat(counting.calls.get()).isZero();
    }
}
