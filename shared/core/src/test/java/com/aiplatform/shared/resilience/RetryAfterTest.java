package com.aiplatform.shared.resilience;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_read_seconds_when_retry_after_is_a_number() {
        assertThat(RetryAfter.parse(Optional.empty(), Optional.of("12"), clock)).contains(Duration.ofSeconds(12));
    }

    @Test
    void should_read_an_http_date_relative_to_the_clock_when_retry_after_is_a_date() {
        assertThat(RetryAfter.parse(Optional.empty(), Optional.of("Sun, 01 Mar 2026 12:00:45 GMT"), clock))
                .contains(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse(Optional.empty(), Optional.of("Sun, 01 Mar 2026 11:00:00 GMT"), clock))
                .contains(Duration.ZERO);
    }

    @Test
    void should_prefer_milliseconds_when_retry_after_ms_is_sent() {
        assertThat(RetryAfter.parse(Optional.of("1500.5"), Optional.of("2"), clock)).contains(Duration.ofMillis(1501));
    }

    @Test
    void should_ignore_the_header_when_it_is_unreadable() {
        assertThat(RetryAfter.parse(Optional.of("soon"), Optional.of("later"), clock)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), Optional.of("-3"), clock)).isEmpty();
    }
}
