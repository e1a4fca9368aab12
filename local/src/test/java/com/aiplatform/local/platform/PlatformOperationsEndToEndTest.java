package com.aiplatform.local.platform;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.aiplatform.local.platform.PlatformClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operating the whole platform through the gateway, with all six apps hosted as {@code ./platform start}
 * hosts them: every app's health route and the platform's aggregate of them, and an event that a
 * subscriber failed to take, dead-lettered to a blob as Event Grid does and replayed through the platform API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOperationsEndToEndTest {

    private static final List<String> APPS = List.of("knowledge", "agent", "research", "assistant", "llm");

    private static final String DOCUMENT_INGESTED = "AiPlatform.Knowledge.DocumentIngested";

    private final AtomicBoolean projectionFixed = new AtomicBoolean();
    private final List<String> projected = new CopyOnWriteArrayList<>();
    private AutoCloseable subscription;
    private RunningPlatform platform;
    private PlatformClient client;
    private String admin;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0)
                .apps(Set.of("knowledge", "agent", "research", "assistant", "platform", "llm"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "GATEWAY_KEY_CACHE_TTL", "PT0S"))
                .eventDelivery(2, Duration.ofMillis(20))
                .build().start();
        client = new PlatformClient(platform.baseUrl());
        admin = platform.developmentKey().orElseThrow();
        client.useContract(client.send("GET", "/api/v1/platform/openapi.yaml", admin, null).body());
        subscription = platform.events().subscribe("ingest-projection", event -> {
            if (!DOCUMENT_INGESTED.equals(event.type())) {
                return;
            }
            if (!projectionFixed.get()) {
                throw new IllegalStateException("the projection's store is down");
            }
            projected.add(event.id());
        });
    }

    @AfterAll
    void stop() throws Exception {
        subscription.close();
        platform.close();
    }

    @Test
    void should_answer_200_with_every_app_up_when_all_six_apps_are_hosted() {
        for (String app : APPS) {
            var own = client.send("GET", "/api/v1/" + app + "/health", admin, null);
            assertThat(own.statusCode()).as(app + ": " + own.body()).isEqualTo(200);
            assertThat(json(own).get("app").asText()).isEqualTo(app);
        }

        var health = client.send("GET", "/api/v1/platform/health", admin, null);

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        var report = json(health);
        assertThat(report.get("status").asText()).isEqualTo("up");
        assertThat(report.get("apps").findValuesAsText("app"))
                .containsExactlyInAnyOrder("platform", "knowledge", "agent", "research", "assistant", "llm");
        assertThat(report.get("apps").findValuesAsText("status")).containsOnly("up");
    }

    @Test
    void should_deliver_a_dead_lettered_event_again_and_audit_it_when_a_platform_admin_replays_it() {
        var ingested = client.send("POST", "/api/v1/knowledge/documents", admin, Map.of("documentId", "returns",
                "text", "Items can be returned within 30 days."));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);

        String listPath = "/api/v1/platform/eventdeadletters?subscription=ingest-projection";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(client.send("GET", listPath, admin, null)).get("deadLetters")).hasSize(1));
        var deadLetter = json(client.send("GET", listPath, admin, null)).get("deadLetters").get(0);
        String id = deadLetter.get("id").asText();
        assertThat(deadLetter.get("blobName").asText()).startsWith("INGEST-PROJECTION/");

        var inspected = json(client.send("GET", "/api/v1/platform/eventdeadletters/" + id, admin, null));
        var event = inspected.get("events").get(0);
        assertThat(event.get("type").asText()).isEqualTo(DOCUMENT_INGESTED);
        assertThat(event.get("deliveryAttempts").asInt()).isEqualTo(2);
        assertThat(event.get("lastDeliveryOutcome").asText()).contains("the projection's store is down");
        String eventId = event.get("id").asText();

        String shopKey = json(client.send("POST", "/api/v1/platform/consumers", admin,
                Map.of("consumerId", "ops-viewer", "tenantId", "acme", "product", "standard"))).get("key").asText();
        var refused = client.send("POST", "/api/v1/platform/eventdeadletters/" + id + "/replay", shopKey, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "INGEST-PROJECTION/2026/1/1/1/no-such-blob.json".getBytes(StandardCharsets.UTF_8));
        assertThat(client.send("GET", "/api/v1/platform/eventdeadletters/" + unknown, admin, null).statusCode())
                .isEqualTo(404);
        assertThat(projected).isEmpty();

        projectionFixed.set(true);
        var replayed = client.send("POST", "/api/v1/platform/eventdeadletters/" + id + "/replay", admin, null);

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(projected).contains(eventId));
        assertThat(client.send("GET", "/api/v1/platform/eventdeadletters/" + id, admin, null).statusCode())
                .isEqualTo(404);
        assertThat(json(client.send("GET", listPath, admin, null)).get("deadLetters")).isEmpty();
        var audit = json(client.send("GET", "/api/v1/platform/deadletters/audit", admin, null)).get("replays");
        assertThat(audit).anySatisfy(replay -> {
            assertThat(replay.get("kind").asText()).isEqualTo("event");
            assertThat(replay.get("consumerId").asText()).isEqualTo("local-developer");
            assertThat(replay.get("messageId").asText()).isEqualTo(deadLetter.get("blobName").asText());
            assertThat(replay.get("replayedTo").asText()).contains(eventId);
        });
    }
}
