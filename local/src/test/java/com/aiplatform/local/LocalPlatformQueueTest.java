package com.aiplatform.local;

import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.local.sample.Recorder;
import com.aiplatform.local.sample.SamplePlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue triggers over a faithful in-memory queue, with the sample app's host.json: maxDequeueCount 3,
 * visibilityTimeout 0, maxPollingInterval 200 ms. The queue name comes from %SAMPLE_QUEUE%.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlatformQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String POISON = SamplePlatform.QUEUE + "-poison";

    private final InMemoryWorkQueue queue = new InMemoryWorkQueue(Clock.systemUTC());
    private RunningPlatform platform;
    private Recorder recorder;

    @BeforeAll
    void start() {
        platform = SamplePlatform.builder().workQueue(settings -> queue).build().start();
        recorder = SamplePlatform.app(platform).recorder();
    }

    @AfterAll
    void stop() {
        platform.close();
        assertThat(recorder.isClosed()).isTrue();
    }

    @Test
    void should_create_queue_and_poison_queue_when_started() {
        assertThat(queue.exists(SamplePlatform.QUEUE)).isTrue();
        assertThat(queue.exists(POISON)).isTrue();
    }

    @Test
    void should_delete_message_and_bind_metadata_when_function_succeeds() {
        queue.send(SamplePlatform.QUEUE, "ok");

        await().atMost(WAIT).until(() -> !recorder.queueCalls("ok").isEmpty()
                && !queue.bodies(SamplePlatform.QUEUE).contains("ok"));
        Recorder.QueueCall call = recorder.queueCalls("ok").get(0);
        assertThat(call.dequeueCount()).isEqualTo(1);
        assertThat(call.id()).isNotBlank();
        assertThat(OffsetDateTime.parse(call.insertionTime())).isNotNull();
    }

    @Test
    void should_retry_until_success_when_function_fails_fewer_times_than_max_dequeue_count() {
        queue.send(SamplePlatform.QUEUE, "fail-until-3");

        await().atMost(WAIT).until(() -> recorder.queueCalls("fail-until-3").stream().anyMatch(Recorder.QueueCall::succeeded)
                && !queue.bodies(SamplePlatform.QUEUE).contains("fail-until-3"));
        assertThat(recorder.queueCalls("fail-until-3")).extracting(Recorder.QueueCall::dequeueCount)
                .containsExactly(1L, 2L, 3L);
        assertThat(queue.bodies(POISON)).doesNotContain("fail-until-3");
    }

    @Test
    void should_move_message_to_poison_queue_when_it_fails_max_dequeue_count_times() {
        queue.send(SamplePlatform.QUEUE, "always-fail");

        await().atMost(WAIT).until(() -> queue.bodies(POISON).contains("always-fail"));
        assertThat(queue.bodies(SamplePlatform.QUEUE)).doesNotContain("always-fail");
        assertThat(recorder.queueCalls("always-fail")).extracting(Recorder.QueueCall::dequeueCount)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void should_process_every_message_when_more_arrive_than_one_batch() {
        for (int i = 0; i < 10; i++) {
            queue.send(SamplePlatform.QUEUE, "ok-" + i);
        }

        await().atMost(WAIT).until(() -> queue.bodies(SamplePlatform.QUEUE).stream().noneMatch(b -> b.startsWith("ok-")));
        for (int i = 0; i < 10; i++) {
            assertThat(recorder.queueCalls("ok-" + i)).hasSize(1);
        }
    }
}
