package com.aiplatform.platform.deadletters;

import com.aiplatform.platform.Callers;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.event.deadletter.DeadLetterBlobName;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import com.aiplatform.shared.event.deadletter.EventGridDeadLetters;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event Grid dead-letter blobs on Blob storage (Azurite) and the audit on Table storage: list, inspect, replay. */
@ExtendWith(AzuriteExtension.class)
class EventDeadLetterServiceTest {

    private static final Instant AT = Instant.parse("2026-11-27T09:30:00Z");

    private final String container = "deadletter-" + UUID.randomUUID().toString().substring(0, 8);
    private final BlobStore blobs;
    private final List<PlatformEvent> published = new CopyOnWriteArrayList<>();
    private final EventDeadLetterService deadLetters;
    private final DeadLetterService queueDeadLetters;

    EventDeadLetterServiceTest(Azurite azurite) {
        var storage = AzureStorageClients.fromConnectionString(azurite.connectionString());
        blobs = storage.blobStore();
        var audit = new ReplayAudit(storage.tableStore(), "audit" + UUID.randomUUID().toString().substring(0, 8),
                Clock.systemUTC());
        deadLetters = new EventDeadLetterService(blobs, container, published::add, audit);
        queueDeadLetters = new DeadLetterService(storage.workQueue(), audit);
    }

    @Test
    void should_list_by_subscription_and_page_when_several_subscriptions_have_dead_letters() {
        String first = write("knowledgeOnIngested", event("a", "AiPlatform.Knowledge.DocumentIngested"));
        String second = write("knowledgeOnIngested", event("b", "AiPlatform.Knowledge.DocumentIngested"));
        write("agentOnTicket", event("c", "AiPlatform.Agent.TicketCreated"));
        blobs.upsertUnpartitioned(container, "not-a-dead-letter.txt", new byte[] {1}, "text/plain");

        var page = deadLetters.list(Callers.platformAdmin(), Optional.of("knowledgeoningested"), 1, Optional.empty());
        var next = deadLetters.list(Callers.platformAdmin(), Optional.of("knowledgeOnIngested"), 1,
                Optional.ofNullable(page.continuation()));

        assertThat(page.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.subscription()).isEqualTo("KNOWLEDGEONINGESTED");
            assertThat(d.deadLetteredHour()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
            assertThat(d.events()).isNull();
        });
        assertThat(List.of(page.deadLetters().get(0).blobName(), next.deadLetters().get(0).blobName()))
                .containsExactlyInAnyOrder(first, second);
        assertThat(next.continuation()).isNull();
        assertThat(deadLetters.list(Callers.platformAdmin(), Optional.empty(), 100, Optional.empty()).deadLetters())
                .hasSize(3);
    }

    @Test
    void should_publish_again_delete_the_blob_and_audit_who_did_it_when_replayed() {
        String name = write("knowledgeOnIngested", event("e-1", "AiPlatform.Knowledge.DocumentIngested"));
        String id = EventDeadLetter.id(name);

        var inspected = deadLetters.inspect(Callers.platformAdmin(), id);
        Replay replay = deadLetters.replay(Callers.platformAdmin(), id);

        assertThat(inspected.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e-1");
            assertThat(e.reason()).isEqualTo("MaxDeliveryAttemptsExceeded");
            assertThat(e.deliveryAttempts()).isEqualTo(10);
            assertThat(e.cloudEvent().get("data").get("documentId").asText()).isEqualTo("returns");
        });
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e-1");
            assertThat(e.data().get("documentId").asText()).isEqualTo("returns");
        });
        assertThat(blobs.getUnpartitioned(container, name)).isEmpty();
        assertThat(replay.kind()).isEqualTo(Replay.EVENT);
        assertThat(queueDeadLetters.audit(Callers.platformAdmin())).singleElement().satisfies(a -> {
            assertThat(a.consumerId()).isEqualTo("operator");
            assertThat(a.kind()).isEqualTo(Replay.EVENT);
            assertThat(a.poisonQueue()).isEqualTo(container);
            assertThat(a.messageId()).isEqualTo(name);
            assertThat(a.replayedTo()).contains("e-1");
        });
        assertThatThrownBy(() -> deadLetters.replay(Callers.platformAdmin(), id))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void should_refuse_non_admins_unknown_blobs_and_system_events() {
        String system = write("assistantOnBlobCreated", event("s-1", "Microsoft.Storage.BlobCreated"));

        assertThatThrownBy(() -> deadLetters.list(Callers.admin("acme"), Optional.empty(), 10, Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> deadLetters.replay(Callers.admin("acme"), EventDeadLetter.id(system)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> deadLetters.inspect(Callers.platformAdmin(), "not base64!"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> deadLetters.inspect(Callers.platformAdmin(),
                EventDeadLetter.id("SUB/2026/1/1/1/" + UUID.randomUUID() + ".json")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> deadLetters.list(Callers.platformAdmin(), Optional.of("no/slashes"), 10,
                Optional.empty())).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> deadLetters.replay(Callers.platformAdmin(), EventDeadLetter.id(system)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(blobs.getUnpartitioned(container, system)).isPresent();
        assertThat(published).isEmpty();
    }

    @Test
    void should_replay_the_documented_cloud_events_blob_as_event_grid_writes_it() {
        String name = "MY-BLOB-SUBSCRIPTION/2019/8/8/5/111111111-1111-1111-1111-111111111111.json";
        blobs.upsertUnpartitioned(container, name, """
                [{"id":"caee971c-3ca0-4254-8f99-1395b394588e","source":"mysource","dataversion":"1.0",
                  "subject":"mySubject","type":"fooEventType","datacontenttype":"application/json",
                  "data":{"prop1":"value1","prop2":5},"deadletterreason":"MaxDeliveryAttemptsExceeded",
                  "deliveryattempts":1,"lastdeliveryoutcome":"NotFound","publishtime":"2020-08-13T21:21:36.4018726Z"}]
                """.getBytes(StandardCharsets.UTF_8), "application/json");

        deadLetters.replay(Callers.platformAdmin(), EventDeadLetter.id(name));

        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("caee971c-3ca0-4254-8f99-1395b394588e");
            assertThat(e.type()).isEqualTo("fooEventType");
        });
    }

    private String write(String subscription, PlatformEvent event) {
        String name = DeadLetterBlobName.of(subscription, AT, UUID.randomUUID()).name();
        blobs.upsertUnpartitioned(container, name, EventGridDeadLetters.write(List.of(new DeadLetteredEvent(
                CloudEventJson.toJson(event), "MaxDeliveryAttemptsExceeded", 10, "TimedOut", 408, AT, AT))),
                "application/json");
        return name;
    }

    private static PlatformEvent event(String id, String type) {
        return new PlatformEvent(id, "/aiplatform/test", type, "acme/returns", AT,
                Json.tree("{\"documentId\":\"returns\"}"), null);
    }
}
