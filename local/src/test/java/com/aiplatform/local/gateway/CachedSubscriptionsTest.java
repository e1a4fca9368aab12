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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void should_read_the_source_once_for_misses_of_one_key_at_the_same_time_and_give_each_its_answer()
            throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        AtomicInteger reads = new AtomicInteger();
        var entered = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var cached = new CachedSubscriptions(key -> {
            reads.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (key.equals("down")) {
                throw new IllegalStateException("the platform app did not answer");
            }
            return Optional.of(new ResolvedSubscription("c", "t", "starter", Set.of()));
        }, Duration.ofSeconds(5), clock);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var first = pool.submit(() -> cached.resolve("k"));
            entered.await(10, java.util.concurrent.TimeUnit.SECONDS);
            var others = java.util.stream.IntStream.range(0, 7).mapToObj(i -> pool.submit(() -> cached.resolve("k")))
                    .toList();
            Thread.sleep(200); // the others are waiting for the first read by now
            release.countDown();

            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
            for (var other : others) {
                assertThat(other.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
            }
            assertThat(reads).hasValue(1);

            assertThatThrownBy(() -> cached.resolve("down")).hasMessage("the platform app did not answer");
            assertThatThrownBy(() -> cached.resolve("down")).as("a failed read is not kept: the next one tries again")
                    .hasMessage("the platform app did not answer");
            assertThat(reads).hasValue(3);
        } finally {
            pool.shutdownNow();
        }
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
