package com.aiplatform.local.gateway;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
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
        Map<String, ResolvedSubscription> source = new ConcurrentHashMap<>(
                Map.of("k", new ResolvedSubscription("c", "t", "starter", Set.of())));
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

    @Test
    void should_read_the_source_again_at_once_when_the_platform_announces_the_key_revoked() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        Map<String, ResolvedSubscription> source = new ConcurrentHashMap<>(Map.of(
                "k", new ResolvedSubscription("c", "t", "starter", Set.of()),
                "other", new ResolvedSubscription("d", "t", "starter", Set.of())));
        AtomicInteger reads = new AtomicInteger();
        var cached = new CachedSubscriptions(key -> {
            reads.incrementAndGet();
            return Optional.ofNullable(source.get(key));
        }, Duration.ofMinutes(5), clock);
        assertThat(cached.resolve("k")).isPresent();
        assertThat(cached.resolve("other")).isPresent();

        source.remove("k");
        cached.onEvent(event("AiPlatform.Knowledge.DocumentIngested", CachedSubscriptions.keyHash("k")));
        assertThat(cached.resolve("k")).as("an unrelated event evicts nothing").isPresent();
        cached.onEvent(event(CachedSubscriptions.KEY_REVOKED, CachedSubscriptions.keyHash("k")));

        assertThat(cached.resolve("k")).isEmpty();
        assertThat(cached.resolve("other")).isPresent();
        assertThat(reads).hasValue(3);
    }

    private static PlatformEvent event(String type, String keyHash) {
        return new PlatformEvent("e-1", "/aiplatform/platform", type, null, Instant.EPOCH,
                Json.mapper().createObjectNode().put("keyHash", keyHash), null);
    }
}
