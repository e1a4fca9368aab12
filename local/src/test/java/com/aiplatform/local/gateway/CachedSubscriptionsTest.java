package com.aiplatform.local.gateway;

import com.aiplatform.platform.consumers.Subscription;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachedSubscriptionsTest {

    @Test
    void should_read_the_source_once_per_ttl_and_see_a_revocation_after_it() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        Map<String, Subscription> source = new ConcurrentHashMap<>(Map.of("k", new Subscription("c", "t", "starter", Set.of())));
        AtomicInteger reads = new AtomicInteger();
        var cached = new CachedSubscriptions(key -> {
            reads.incrementAndGet();
            return Optional.ofNullable(source.get(key));
        }, Duration.ofSeconds(5), clock);

        assertThat(cached.resolve("k")).isPresent();
        source.clear();
        assertThat(cached.resolve("k")).isPresent();
        assertThat(reads).hasValue(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(cached.resolve("k")).isEmpty();
        assertThat(reads).hasValue(2);
    }
}
