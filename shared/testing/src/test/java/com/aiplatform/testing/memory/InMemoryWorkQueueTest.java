package com.aiplatform.testing.memory;

import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.testing.contract.WorkQueueContract;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryWorkQueueTest extends WorkQueueContract {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T08:00:00Z"));

    @Override
    protected WorkQueue openQueue() {
        return new InMemoryWorkQueue(clock);
    }

    @Override
    protected void passTime(Duration step) {
        clock.advance(step);
    }

    @Test
    void should_reappear_exactly_when_visibility_timeout_ends() {
        WorkQueue queue = new InMemoryWorkQueue(clock);
        queue.send("jobs", "job");
        QueueMessage first = queue.receive("jobs", 1, Duration.ofSeconds(30)).get(0);

        clock.advance(Duration.ofSeconds(29));
        assertThat(queue.receive("jobs", 1, Duration.ofSeconds(30))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        QueueMessage again = queue.receive("jobs", 1, Duration.ofSeconds(30)).get(0);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.popReceipt()).isNotEqualTo(first.popReceipt());
        assertThat(again.insertedOn()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }
}
