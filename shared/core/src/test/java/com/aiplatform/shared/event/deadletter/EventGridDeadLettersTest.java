package com.aiplatform.shared.event.deadletter;

import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dead-letter blob layout and content as Microsoft Learn documents them (delivery-and-retry, manage-event-delivery). */
class EventGridDeadLettersTest {

    /** The documented CloudEvents 1.0 dead-letter event in the array a blob holds (the sample's trailing comma removed). */
    private static final String CLOUD_EVENTS_BLOB = """
            [{
                "id": "caee971c-3ca0-4254-8f99-1395b394588e",
                "source": "mysource",
                "dataversion": "1.0",
                "subject": "mySubject",
                "type": "fooEventType",
                "datacontenttype": "application/json",
                "data": { "prop1": "value1", "prop2": 5 },
                "deadletterreason": "MaxDeliveryAttemptsExceeded",
                "deliveryattempts": 1,
                "lastdeliveryoutcome": "NotFound",
                "publishtime": "2020-08-13T21:21:36.4018726Z"
            }]
            """;

    /** The documented Event Grid schema dead-letter event. */
    private static final String EVENT_GRID_BLOB = """
            [{
                "id": "93902694-901e-008f-6f95-7153a806873c",
                "eventTime": "2020-08-13T17:18:13.1647262Z",
                "eventType": "Microsoft.Storage.BlobCreated",
                "dataVersion": "",
                "metadataVersion": "1",
                "topic": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/myegteststgfoo",
                "subject": "/blobServices/default/containers/deadletter/blobs/myBlobFile.txt",
                "data": { "api": "PutBlob", "contentLength": 0 },
                "deadLetterReason": "MaxDeliveryAttemptsExceeded",
                "deliveryAttempts": 1,
                "lastDeliveryOutcome": "NotFound",
                "publishTime": "2020-08-13T17:18:14.0265758Z",
                "lastDeliveryAttemptTime": "2020-08-13T17:18:14.0465788Z"
            }]
            """;

    @Test
    void should_read_the_event_and_its_dead_letter_properties_when_the_blob_is_the_documented_cloud_events_sample() {
        DeadLetteredEvent dead = EventGridDeadLetters.parse(bytes(CLOUD_EVENTS_BLOB)).get(0);

        assertThat(dead.reason()).isEqualTo("MaxDeliveryAttemptsExceeded");
        assertThat(dead.deliveryAttempts()).isEqualTo(1);
        assertThat(dead.lastDeliveryOutcome()).isEqualTo("NotFound");
        assertThat(dead.publishTime()).isEqualTo(Instant.parse("2020-08-13T21:21:36.4018726Z"));
        assertThat(dead.lastDeliveryAttemptTime()).isNull();
        assertThat(dead.event().has("deadletterreason")).isFalse();
        assertThat(dead.systemEvent()).isFalse();
        PlatformEvent event = dead.toPlatformEvent();
        assertThat(event.id()).isEqualTo("caee971c-3ca0-4254-8f99-1395b394588e");
        assertThat(event.type()).isEqualTo("fooEventType");
        assertThat(event.subject()).isEqualTo("mySubject");
        assertThat(event.time()).as("the sample has no time: publishtime stands in").isEqualTo(dead.publishTime());
        assertThat(event.data().get("prop2").asInt()).isEqualTo(5);
    }

    @Test
    void should_map_the_event_to_cloud_events_attributes_when_the_blob_uses_the_event_grid_schema() {
        DeadLetteredEvent dead = EventGridDeadLetters.parse(bytes(EVENT_GRID_BLOB)).get(0);

        assertThat(dead.reason()).isEqualTo("MaxDeliveryAttemptsExceeded");
        assertThat(dead.lastDeliveryAttemptTime()).isEqualTo(Instant.parse("2020-08-13T17:18:14.0465788Z"));
        assertThat(dead.systemEvent()).isTrue();
        PlatformEvent event = dead.toPlatformEvent();
        assertThat(event.type()).isEqualTo("Microsoft.Storage.BlobCreated");
        assertThat(event.source()).endsWith("storageAccounts/myegteststgfoo");
        assertThat(event.time()).isEqualTo(Instant.parse("2020-08-13T17:18:13.1647262Z"));
    }

    @Test
    void should_read_back_what_it_writes_when_a_local_dead_letter_is_written_in_the_same_format() {
        PlatformEvent original = new PlatformEvent("e-1", "/aiplatform/knowledge", "AiPlatform.Knowledge.DocumentIngested",
                "acme/returns", Instant.parse("2026-11-27T10:15:00Z"), Json.tree("{\"documentId\":\"returns\"}"),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var written = new DeadLetteredEvent(CloudEventJson.toJson(original), "MaxDeliveryAttemptsExceeded", 4,
                "GenericError", null, Instant.parse("2026-11-27T10:15:01Z"), Instant.parse("2026-11-27T10:15:03Z"));

        List<DeadLetteredEvent> read = EventGridDeadLetters.parse(EventGridDeadLetters.write(List.of(written)));

        assertThat(read).singleElement().satisfies(dead -> {
            assertThat(dead.toPlatformEvent()).isEqualTo(original);
            assertThat(dead.deliveryAttempts()).isEqualTo(4);
            assertThat(dead.lastDeliveryAttemptTime()).isEqualTo(Instant.parse("2026-11-27T10:15:03Z"));
        });
    }

    @Test
    void should_refuse_a_blob_that_holds_no_events() {
        assertThatThrownBy(() -> EventGridDeadLetters.parse(bytes("not json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventGridDeadLetters.parse(bytes("[42]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventGridDeadLetters.parse(bytes("[{\"hello\":\"world\"}]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a CloudEvent");
    }

    @Test
    void should_read_subscription_and_hour_when_the_name_is_the_documented_layout() {
        var name = DeadLetterBlobName.parse("MY-BLOB-SUBSCRIPTION/2019/8/8/5/111111111-1111-1111-1111-111111111111.json");

        assertThat(name).hasValueSatisfying(n -> {
            assertThat(n.subscription()).isEqualTo("MY-BLOB-SUBSCRIPTION");
            assertThat(n.topic()).isEmpty();
            assertThat(n.hour()).isEqualTo(Instant.parse("2019-08-08T05:00:00Z"));
        });
        assertThat(DeadLetterBlobName.parse("MYTOPIC/MY-SUB/2019/12/31/23/x.json"))
                .hasValueSatisfying(n -> assertThat(n.topic()).isEqualTo("MYTOPIC"));
    }

    @Test
    void should_name_a_dead_letter_as_event_grid_does_and_reject_other_names() {
        var named = DeadLetterBlobName.of("assistantOnBlobCreated", Instant.parse("2026-01-05T07:59:00Z"),
                UUID.fromString("11111111-1111-1111-1111-111111111111"));

        assertThat(named.name()).isEqualTo("ASSISTANTONBLOBCREATED/2026/1/5/7/11111111-1111-1111-1111-111111111111.json");
        assertThat(DeadLetterBlobName.parse("SUB/2019/13/8/5/x.json")).isEmpty();
        assertThat(DeadLetterBlobName.parse("SUB/2019/8/8/x.json")).isEmpty();
        assertThat(DeadLetterBlobName.parse("sub/2019/8/8/5/x.json")).isEmpty();
        assertThat(DeadLetterBlobName.parse("SUB/2019/8/8/5/x.txt")).isEmpty();
        assertThat(DeadLetterBlobName.parse("../../SUB/2019/8/8/5/x.json")).isEmpty();
        assertThat(DeadLetterBlobName.parse("/SUB/2019/8/8/5/x.json")).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
