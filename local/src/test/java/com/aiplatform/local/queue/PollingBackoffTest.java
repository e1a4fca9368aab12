package com.aiplatform.local.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PollingBackoffTest {

    @Test
    void should_double_from_100ms_up_to_max_when_queue_stays_idle() {
        PollingBackoff backoff = new PollingBackoff(Duration.ofMillis(700));

        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(700));
        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void should_start_again_from_100ms_when_messages_were_found() {
        PollingBackoff backoff = new PollingBackoff(Duration.ofMinutes(1));
        backoff.idle();
        backoff.idle();

        backoff.reset();

        assertThat(backoff.idle()).isEqualTo(Duration.ofMillis(100));
    }
}
