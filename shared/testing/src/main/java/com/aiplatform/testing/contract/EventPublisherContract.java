package com.aiplatform.testing.contract;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link EventPublisher} adapter must do: deliver CloudEvents to subscribers with every
 * attribute intact. An adapter's test says how to publish and what its subscribers received, parsed
 * back from what crossed the adapter's wire.
 */
public abstract class EventPublisherContract {

    protected abstract EventPublisher publisher();

    /** Every event subscribers have received so far, in any order. */
    protected abstract List<PlatformEvent> delivered();

    private static PlatformEvent event(String id, String subject, String traceparent) {
        return new PlatformEvent(id, "/aiplatform/contract", "AiPlatform.Contract.Tested", subject,
                Instant.parse("2026-11-27T10:15:30.123Z"),
                Json.tree("{\"tenantId\":\"acme\",\"documentId\":\"" + id + "\",\"chunkCount\":3,\"nested\":{\"ok\":true}}"),
                traceparent);
    }

    private PlatformEvent awaitDelivered(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered().stream().anyMatch(e -> e.id().equals(id)));
        return delivered().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void should_deliver_every_cloudevents_attribute_unchanged() {
        String id = "contract-" + System.nanoTime();
        PlatformEvent sent = event(id, "tenants/acme/documents/" + id,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        publisher().publish(sent);
        assertThat(awaitDelivered(id)).isEqualTo(sent);
    }

    @Test
    void should_deliver_event_without_optional_attributes() {
        String id = "bare-" + System.nanoTime();
        PlatformEvent sent = event(id, null, null);
        publisher().publish(sent);
        PlatformEvent received = awaitDelivered(id);
        assertThat(received.subject()).isNull();
        assertThat(received.traceparent()).isNull();
        assertThat(received.data()).isEqualTo(sent.data());
    }

    @Test
    void should_deliver_each_of_several_events() {
        long run = System.nanoTime();
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> "many-" + run + "-" + i).toList();
        ids.forEach(id -> publisher().publish(event(id, "s", null)));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                delivered().stream().map(PlatformEvent::id).toList().containsAll(ids));
    }
}
