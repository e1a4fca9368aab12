package com.aiplatform.local;

import com.aiplatform.local.event.Delivery;
import com.aiplatform.local.sample.Recorder;
import com.aiplatform.local.sample.SamplePlatform;
import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The in-process Event Grid stand-in: delivery to @EventGridTrigger functions and listeners, retries, dead letters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlatformEventTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RunningPlatform platform;
    private Recorder recorder;

    @BeforeAll
    void start() {
        platform = SamplePlatform.builder().eventDelivery(3, Duration.ofMillis(20)).build().start();
        recorder = SamplePlatform.app(platform).recorder();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_offer_the_bus_to_apps_when_hosting_them() {
        assertThat(SamplePlatform.app(platform).host().inProcessEvents()).containsSame(platform.events());
    }

    @Test
    void should_deliver_cloud_event_json_to_event_grid_function_when_published() {
        PlatformEvent event = event("Sample.Created");

        platform.events().publish(event);

        await().atMost(WAIT).until(() -> recorder.events().stream().anyMatch(e -> e.contains(event.id())));
        String delivered = recorder.events().stream().filter(e -> e.contains(event.id())).findFirst().orElseThrow();
        assertThat(CloudEventJson.fromJson(Json.tree(delivered))).isEqualTo(event);
        assertThat(delivery(event, "sample/onSampleEvent").outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
    }

    @Test
    void should_redeliver_to_listener_when_it_fails_first() throws Exception {
        PlatformEvent event = event("Sample.Flaky");
        AtomicInteger calls = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = platform.events().subscribe("flaky-listener", e -> {
            if (e.id().equals(event.id()) && calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            received.add(e.id());
        })) {
            platform.events().publish(event);

            await().atMost(WAIT).until(() -> received.contains(event.id()));
        }
        assertThat(calls.get()).isEqualTo(2);
        assertThat(delivery(event, "flaky-listener").attempts()).isEqualTo(2);
    }

    @Test
    void should_dead_letter_when_every_attempt_fails() {
        PlatformEvent event = event("Sample.Rejected");

        platform.events().publish(event);

        await().atMost(WAIT).until(() -> platform.events().deliveries().stream()
                .anyMatch(d -> d.eventId().equals(event.id()) && d.subscriber().equals("sample/onSampleEvent")));
        Delivery delivery = delivery(event, "sample/onSampleEvent");
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.DEAD_LETTERED);
        assertThat(delivery.attempts()).isEqualTo(3);
    }

    private Delivery delivery(PlatformEvent event, String subscriber) {
        await().atMost(WAIT).until(() -> platform.events().deliveries().stream()
                .anyMatch(d -> d.eventId().equals(event.id()) && d.subscriber().equals(subscriber)));
        return platform.events().deliveries().stream()
                .filter(d -> d.eventId().equals(event.id()) && d.subscriber().equals(subscriber))
                .findFirst().orElseThrow();
    }

    private static PlatformEvent event(String type) {
        return new PlatformEvent(UUID.randomUUID().toString(), "/test", type, "subject-1",
                Instant.parse("2026-01-02T03:04:05Z"), Json.tree("{\"n\":1}"),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
