package com.aiplatform.local;

import com.aiplatform.local.sample.Recorder;
import com.aiplatform.local.sample.SamplePlatform;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue triggers against Azurite through the Azure SDK, as the platform runs by default: base64
 * messages, dequeue counts kept by the service, retries after the host.json visibility timeout, and
 * the poison queue after maxDequeueCount (3 in the sample app's host.json).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlatformAzuriteQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POISON = SamplePlatform.QUEUE + "-poison";

    private RunningPlatform platform;
    private Recorder recorder;
    private WorkQueue queues;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().port(0).inMemory().environment(Map.of()).apps(Set.of("sample"))
                .settings(Map.of("SAMPLE_QUEUE", SamplePlatform.QUEUE)).build().start();
        recorder = SamplePlatform.app(platform).recorder();
        queues = AzureStorageClients.fromSettings(platform.settings()).workQueue();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_retry_with_growing_dequeue_count_until_the_function_succeeds() {
        queues.send(SamplePlatform.QUEUE, "fail-until-3");

        await().atMost(WAIT).until(() -> recorder.queueCalls("fail-until-3").stream()
                .anyMatch(Recorder.QueueCall::succeeded));
        assertThat(recorder.queueCalls("fail-until-3")).extracting(Recorder.QueueCall::dequeueCount)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void should_move_message_to_poison_queue_after_max_dequeue_count_failures() {
        queues.send(SamplePlatform.QUEUE, "always-fail");

        await().atMost(WAIT).until(() -> poisonBodies().contains("always-fail"));
        assertThat(recorder.queueCalls("always-fail")).extracting(Recorder.QueueCall::dequeueCount)
                .containsExactly(1L, 2L, 3L);
        assertThat(recorder.queueCalls("always-fail")).noneMatch(Recorder.QueueCall::succeeded);
    }

    private List<String> poisonBodies() {
        List<QueueMessage> messages = queues.receive(POISON, 32, Duration.ofSeconds(1));
        messages.forEach(message -> queues.release(POISON, message, Duration.ZERO));
        return messages.stream().map(QueueMessage::body).toList();
    }
}
