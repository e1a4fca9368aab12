package com.aiplatform.local.event;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LocalEventBusInlineTest {

    private final PlatformEvent event = new PlatformEvent("e-1", "/test", "Test.Happened", null, Instant.EPOCH,
            Json.mapper().createObjectNode(), null);

    @Test
    void should_have_delivered_to_an_inline_subscriber_when_publish_returns() {
        try (var bus = new LocalEventBus(Clock.systemUTC(), 3, Duration.ofMillis(10), 10)) {
            List<String> seenBy = new CopyOnWriteArrayList<>();
            bus.subscribeInline("inline", e -> seenBy.add(Thread.currentThread().getName()));

            bus.publish(event);

            assertThat(seenBy).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void should_retry_an_inline_subscriber_asynchronously_when_its_first_attempt_fails() {
        try (var bus = new LocalEventBus(Clock.systemUTC(), 3, Duration.ofMillis(10), 10)) {
            AtomicInteger attempts = new AtomicInteger();
            bus.subscribeInline("flaky", e -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("first attempt fails");
                }
            });

            bus.publish(event);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(bus.deliveries())
                    .anySatisfy(d -> assertThat(d.outcome()).isEqualTo(Delivery.Outcome.DELIVERED)));
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void should_refuse_a_second_subscriber_of_the_same_name_when_one_is_inline() {
        try (var bus = LocalEventBus.withDefaults(Clock.systemUTC())) {
            bus.subscribeInline("gateway", e -> { });

            assertThatThrownBy(() -> bus.subscribe("gateway", e -> { })).isInstanceOf(IllegalStateException.class);
        }
    }
}
