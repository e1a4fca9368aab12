package com.aiplatform.shared.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asked us to wait: {@code retry-after-ms} (milliseconds, sent by Azure OpenAI) wins
 * over {@code Retry-After}, which is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
 * Unreadable values are ignored, so the caller falls back to its own backoff.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> parse(Optional<String> retryAfterMs, Optional<String> retryAfter, Clock clock) {
        Optional<Duration> millis = retryAfterMs.flatMap(RetryAfter::millis);
        if (millis.isPresent()) {
            return millis;
        }
        return retryAfter.flatMap(value -> seconds(value).or(() -> date(value, clock)));
    }

    private static Optional<Duration> millis(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            return ms < 0 || Double.isNaN(ms) ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil(ms)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 || Double.isNaN(seconds) ? Optional.empty()
                    : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> date(String value, Clock clock) {
        try {
            ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
