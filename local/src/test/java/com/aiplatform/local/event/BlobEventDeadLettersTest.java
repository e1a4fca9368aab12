package com.aiplatform.local.event;

import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.event.deadletter.DeadLetterBlobName;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import com.aiplatform.shared.event.deadletter.EventGridDeadLetters;
import com.aiplatform.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BlobEventDeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void should_write_one_blob_named_as_event_grid_names_it_when_a_function_gives_up_on_an_event() {
        var blobs = new InMemoryBlobStore();
        var deadLetters = new BlobEventDeadLetters(blobs, "eventgrid-deadletter", Clock.fixed(NOW, ZoneOffset.UTC));
        var event = new PlatformEvent("e-7", "/aiplatform/knowledge", "AiPlatform.Knowledge.DocumentIngested", null,
                NOW, Json.tree("{\"documentId\":\"d\"}"), null);

        deadLetters.write("assistant/assistantBlobCreated", new DeadLetteredEvent(CloudEventJson.toJson(event),
                "MaxDeliveryAttemptsExceeded", 4, "IllegalStateException: down", null, NOW, NOW));

        var names = blobs.listUnpartitioned("eventgrid-deadletter", "", 10, null).names();
        assertThat(names).singleElement().satisfies(name -> {
            var parsed = DeadLetterBlobName.parse(name).orElseThrow();
            assertThat(parsed.subscription()).isEqualTo("ASSISTANTBLOBCREATED");
            assertThat(parsed.hour()).isEqualTo(Instant.parse("2026-03-04T05:00:00Z"));
            assertThat(name).startsWith("ASSISTANTBLOBCREATED/2026/3/4/5/");
            var stored = EventGridDeadLetters.parse(blobs.getUnpartitioned("eventgrid-deadletter", name).orElseThrow());
            assertThat(stored).singleElement().satisfies(dead -> {
                assertThat(dead.toPlatformEvent()).isEqualTo(event);
                assertThat(dead.deliveryAttempts()).isEqualTo(4);
            });
        });
    }

    @Test
    void should_name_the_subscription_like_an_azure_event_subscription_when_the_subscriber_is_a_listener() {
        assertThat(BlobEventDeadLetters.subscriptionName("ingest-projection")).isEqualTo("ingest-projection");
        assertThat(BlobEventDeadLetters.subscriptionName("tools/My Listener_1")).isEqualTo("my-listener-1");
    }
}
