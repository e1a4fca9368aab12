package com.aiplatform.testing.contract;

import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link WorkQueue} adapter must do. Each test uses a queue of its own, so the adapter may
 * be shared. Hidden-message checks use long timeouts (nothing can expire during the check), and
 * reappearance is polled for, so neither depends on how fast the machine is.
 */
public abstract class WorkQueueContract {

    /** Long enough that no message hidden for it can reappear while a test runs. */
    private static final Duration LONG = Duration.ofMinutes(5);
    /** The shortest visibility timeout a Storage queue accepts on receive. */
    private static final Duration SHORT = Duration.ofSeconds(1);

    private WorkQueue queues;
    private String queue;

    protected abstract WorkQueue openQueue();

    /**
     * Lets at least {@code step} of queue time pass. An adapter on a real service keeps real time and
     * leaves this as it is; an adapter on an injected clock moves the clock.
     */
    protected void passTime(Duration step) {
    }

    @BeforeEach
    void open() {
        queues = openQueue();
        queue = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        queues.createIfMissing(queue);
    }

    /** Receives one message, waiting for a hidden one to become visible again. */
    private QueueMessage receiveEventually(Duration visibilityTimeout) {
        AtomicReference<List<QueueMessage>> received = new AtomicReference<>(List.of());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            passTime(SHORT);
            received.set(queues.receive(queue, 1, visibilityTimeout));
            return !received.get().isEmpty();
        });
        return received.get().get(0);
    }

    @Test
    void should_deliver_body_unchanged_when_sent() {
        String body = "{\"task\":\"t-1\",\"text\":\"Grüße, 東京 👋 + / =\"}";
        queues.send(queue, body);

        List<QueueMessage> received = queues.receive(queue, 1, LONG);

        assertThat(received).hasSize(1);
        QueueMessage message = received.get(0);
        assertThat(message.body()).isEqualTo(body);
        assertThat(message.dequeueCount()).isEqualTo(1);
        assertThat(message.id()).isNotBlank();
        assertThat(message.popReceipt()).isNotBlank();
        assertThat(message.insertedOn()).isNotNull();
    }

    @Test
    void should_hide_received_message_while_visibility_timeout_lasts() {
        queues.send(queue, "job");
        assertThat(queues.receive(queue, 1, LONG)).hasSize(1);

        assertThat(queues.receive(queue, 1, LONG)).isEmpty();
        assertThat(queues.depth(queue)).isEqualTo(1);
    }

    @Test
    void should_redeliver_with_higher_dequeue_count_when_visibility_timeout_expires() {
        queues.send(queue, "job");
        QueueMessage first = queues.receive(queue, 1, SHORT).get(0);

        QueueMessage again = receiveEventually(LONG);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.body()).isEqualTo("job");
        assertThat(again.dequeueCount()).isEqualTo(2);
    }

    @Test
    void should_make_message_visible_at_once_when_released_with_zero_delay() {
        queues.send(queue, "job");
        QueueMessage first = queues.receive(queue, 1, LONG).get(0);

        queues.release(queue, first, Duration.ZERO);

        QueueMessage again = receiveEventually(LONG);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.dequeueCount()).isEqualTo(2);
    }

    @Test
    void should_keep_message_hidden_when_released_with_delay() {
        queues.send(queue, "job");
        QueueMessage first = queues.receive(queue, 1, SHORT).get(0);

        queues.release(queue, first, LONG);

        passTime(Duration.ofSeconds(2));
        assertThat(queues.receive(queue, 1, LONG)).isEmpty();
        assertThat(queues.depth(queue)).isEqualTo(1);
    }

    @Test
    void should_remove_message_when_deleted_and_tolerate_second_delete() {
        queues.send(queue, "job");
        QueueMessage message = queues.receive(queue, 1, SHORT).get(0);

        queues.delete(queue, message);
        queues.delete(queue, message);

        passTime(Duration.ofSeconds(2));
        assertThat(queues.depth(queue)).isZero();
        assertThat(queues.receive(queue, 1, LONG)).isEmpty();
    }

    @Test
    void should_refuse_delete_with_receipt_voided_by_release() {
        queues.send(queue, "job");
        QueueMessage message = queues.receive(queue, 1, LONG).get(0);
        queues.release(queue, message, LONG);

        assertThatThrownBy(() -> queues.delete(queue, message)).isInstanceOf(IllegalStateException.class);
        assertThat(queues.depth(queue)).isEqualTo(1);
    }

    @Test
    void should_hide_message_sent_with_delay_until_delay_passes() {
        queues.send(queue, "later", LONG);
        assertThat(queues.receive(queue, 1, LONG)).isEmpty();
        assertThat(queues.depth(queue)).isEqualTo(1);

        queues.send(queue, "soon", SHORT);
        assertThat(receiveEventually(LONG).body()).isEqualTo("soon");
    }

    @Test
    void should_return_at_most_max_and_count_depth() {
        for (int i = 0; i < 5; i++) {
            queues.send(queue, "m" + i);
        }
        assertThat(queues.depth(queue)).isEqualTo(5);

        List<QueueMessage> batch = queues.receive(queue, 3, LONG);

        assertThat(batch).hasSize(3).extracting(QueueMessage::id).doesNotHaveDuplicates();
        assertThat(queues.receive(queue, 32, LONG)).hasSize(2);
        assertThat(queues.depth(queue)).isEqualTo(5);
    }

    @Test
    void should_reject_body_over_limit() {
        String tooLarge = "x".repeat(WorkQueue.MAX_MESSAGE_BYTES + 1);
        assertThatThrownBy(() -> queues.send(queue, tooLarge)).isInstanceOf(IllegalArgumentException.class);

        String largest = "x".repeat(WorkQueue.MAX_MESSAGE_BYTES);
        queues.send(queue, largest);
        assertThat(queues.receive(queue, 1, LONG).get(0).body()).isEqualTo(largest);
    }

    @Test
    void should_find_nothing_when_queue_is_empty() {
        assertThat(queues.receive(queue, 1, LONG)).isEmpty();
        assertThat(queues.depth(queue)).isZero();
    }

    @Test
    void should_list_queues_by_prefix_when_asked() {
        String poison = queue + "-poison";
        queues.createIfMissing(poison);

        assertThat(queues.queues(queue)).containsExactly(queue, poison);
        assertThat(queues.queues(queue + "-p")).containsExactly(poison);
    }

    @Test
    void should_peek_without_hiding_or_counting_when_inspecting() {
        queues.send(queue, "first");
        queues.send(queue, "second");

        List<QueueMessage> peeked = queues.peek(queue, 32);

        assertThat(peeked).extracting(QueueMessage::body).containsExactly("first", "second");
        assertThat(peeked).allSatisfy(m -> assertThat(m.dequeueCount()).isZero());
        assertThat(queues.receive(queue, 32, LONG)).extracting(QueueMessage::id)
                .containsExactlyInAnyOrderElementsOf(peeked.stream().map(QueueMessage::id).toList());
    }
}
