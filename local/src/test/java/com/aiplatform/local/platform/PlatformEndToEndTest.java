package com.aiplatform.local.platform;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.usage.UsageRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.aiplatform.local.platform.PlatformClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform app and the knowledge app behind the local gateway, over HTTP only: keys, budgets enforced
 * on a real model call path, the usage ledger fed by knowledge's usage queue, health, and a dead-letter replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

    private RunningPlatform platform;
    private PlatformClient client;
    private String admin;
    private String shopKey;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "platform"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "GATEWAY_KEY_CACHE_TTL", "PT5M",
                        "MODEL_PRICES", "extractive-offline=1/1,all-minilm-l6-v2-int8=0/0"))
                .build().start();
        client = new PlatformClient(platform.baseUrl());
        admin = platform.developmentKey().orElseThrow();
        var spec = client.send("GET", "/api/v1/platform/openapi.yaml", admin, null);
        assertThat(spec.statusCode()).isEqualTo(200);
        client.useContract(spec.body());
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void should_issue_a_key_that_the_gateway_accepts_as_the_new_consumer() {
        var created = client.send("POST", "/api/v1/platform/consumers", admin,
                Map.of("consumerId", "shop", "tenantId", "acme", "product", "starter"));
        assertThat(created.statusCode()).isEqualTo(201);
        shopKey = json(created).get("key").asText();

        assertThat(client.send("GET", "/api/v1/platform/consumers", shopKey, null).statusCode()).isEqualTo(403);
        assertThat(client.send("GET", "/api/v1/platform/consumers", null, null).statusCode()).isEqualTo(401);
        var listed = client.send("GET", "/api/v1/platform/consumers?tenantId=acme", admin, null);
        assertThat(json(listed).get("consumers").toString()).contains("\"shop\"").doesNotContain(shopKey);
        var ingest = client.send("POST", "/api/v1/knowledge/documents", shopKey, Map.of("documentId", "returns",
                "text", "Items can be returned within 30 days. Refunds reach the card within five business days."),
                Map.of("x-aiplatform-tenant-id", "local"));
        assertThat(ingest.statusCode()).isEqualTo(201);
        assertThat(client.send("GET", "/api/v1/knowledge/documents/returns", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void should_refuse_a_model_call_with_402_and_the_remaining_budget_then_allow_it_when_raised() {
        var set = client.send("PUT", "/api/v1/platform/budgets/consumer/shop?tenantId=acme", admin,
                Map.of("limitUsd", 0.10, "period", "month"));
        assertThat(set.statusCode()).isEqualTo(200);

        var refused = client.send("POST", "/api/v1/knowledge/ask", shopKey, Map.of("question", "How long do refunds take?"));
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.headers().firstValue("x-aiplatform-budget-remaining-usd")).hasValue("0.1");
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        client.send("PUT", "/api/v1/platform/budgets/consumer/shop?tenantId=acme", admin, Map.of("limitUsd", 10));
        var answered = client.send("POST", "/api/v1/knowledge/ask", shopKey, Map.of("question", "How long do refunds take?"));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.headers().firstValue("x-aiplatform-tokens")).isPresent();

        var budget = json(client.send("GET", "/api/v1/platform/budgets/consumer/shop?tenantId=acme", admin, null));
        assertThat(budget.get("spentUsd").decimalValue()).isPositive();
        assertThat(budget.get("reservedUsd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    @Order(3)
    void should_total_the_usage_knowledge_sent_through_the_queue() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var report = json(client.send("GET", "/api/v1/platform/usage?groupBy=model&tenantId=acme", admin, null));
            assertThat(report.get("groups").toString()).contains("extractive-offline");
            assertThat(report.get("total").get("costUsd").decimalValue()).isPositive();
        });
        var own = json(client.send("GET", "/api/v1/platform/usage?groupBy=app", shopKey, null));
        assertThat(own.get("tenantId").asText()).isEqualTo("acme");
        assertThat(own.get("groups").get(0).get("key").asText()).isEqualTo("knowledge");
    }

    @Test
    @Order(4)
    void should_aggregate_the_health_of_every_hosted_app() {
        var health = client.send("GET", "/api/v1/platform/health", admin, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"app\":\"knowledge\",\"status\":\"up\"")
                .contains("\"app\":\"agent\",\"status\":\"unconfigured\"");
    }

    @Test
    @Order(4)
    void should_show_health_details_only_to_a_platform_admin() {
        String dataDir = platform.settings().get("DATA_DIR").orElseThrow();
        var full = client.send("GET", "/api/v1/knowledge/health", admin, null);
        assertThat(full.body()).contains(dataDir);

        var coarse = client.send("GET", "/api/v1/knowledge/health", shopKey, null);
        assertThat(coarse.statusCode()).isEqualTo(200);
        assertThat(json(coarse).get("dependencies").get("vectorStore").get("status").asText()).isEqualTo("up");
        assertThat(coarse.body()).doesNotContain(dataDir).doesNotContain("\"detail\"");
        var platformHealth = client.send("GET", "/api/v1/platform/health", shopKey, null);
        assertThat(platformHealth.body()).contains("\"app\":\"knowledge\",\"status\":\"up\"")
                .doesNotContain("\"detail\"").doesNotContain("127.0.0.1");
    }

    @Test
    @Order(5)
    void should_replay_a_dead_letter_into_its_queue_and_audit_it() {
        var queues = AzureStorageClients.fromSettings(platform.settings()).workQueue();
        var lost = new UsageRecord("replayed-record", Instant.now(), "acme", "shop", "knowledge", "ask", "lost-model",
                7, 3, new BigDecimal("0.5"), null, null);
        queues.send("usage-records-poison", Json.write(lost));

        var listed = json(client.send("GET", "/api/v1/platform/deadletters", admin, null));
        assertThat(listed.get("queues").toString()).contains("usage-records-poison");
        var letters = json(client.send("GET", "/api/v1/platform/deadletters/usage-records-poison/messages", admin, null));
        String messageId = letters.get("messages").get(0).get("messageId").asText();
        assertThat(client.send("POST", "/api/v1/platform/deadletters/usage-records-poison/messages/" + messageId
                + "/replay", shopKey, null).statusCode()).isEqualTo(403);

        var replayed = client.send("POST", "/api/v1/platform/deadletters/usage-records-poison/messages/" + messageId
                + "/replay", admin, null);
        assertThat(replayed.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.send("GET",
                "/api/v1/platform/usage?groupBy=model&tenantId=acme", admin, null).body()).contains("lost-model"));
        assertThat(client.send("GET", "/api/v1/platform/deadletters/audit", admin, null).body())
                .contains(messageId).contains("local-developer");
    }

    @Test
    @Order(6)
    void should_refuse_a_revoked_key_at_once_though_cached_and_rate_limit_the_starter_product() {
        var rotated = json(client.send("POST", "/api/v1/platform/consumers/shop/keys?tenantId=acme", admin, null));
        String newKey = rotated.get("key").asText();
        var consumer = json(client.send("GET", "/api/v1/platform/consumers/shop?tenantId=acme", admin, null));
        String oldKeyId = consumer.get("keys").get(0).get("keyId").asText();
        assertThat(client.send("GET", "/api/v1/knowledge/documents", shopKey, null).statusCode())
                .as("the old key works, and the gateway has it cached").isEqualTo(200);
        assertThat(client.send("DELETE", "/api/v1/platform/consumers/shop/keys/" + oldKeyId + "?tenantId=acme",
                admin, null).statusCode()).isEqualTo(204);
        assertThat(client.send("GET", "/api/v1/knowledge/documents", shopKey, null).statusCode()).isEqualTo(401);

        int status = 200;
        for (int i = 0; i < 25 && status == 200; i++) {
            var response = client.send("GET", "/api/v1/knowledge/documents", newKey, null);
            status = response.statusCode();
            if (status == 429) {
                assertThat(response.headers().firstValue("retry-after")).isPresent();
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(client.send("GET", "/api/v1/knowledge/documents", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void should_answer_cors_preflights_and_keep_internal_routes_off_the_client_api() {
        var preflight = client.send("OPTIONS", "/api/v1/knowledge/search", null, null, Map.of(
                "Origin", "http://localhost:3000", "Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:3000");

        assertThat(client.send("POST", "/api/v1/platform/budget/reservations", admin,
                Map.of("reservationId", "r1", "estimatedUsd", 0)).statusCode()).isEqualTo(404);
        assertThat(client.send("POST", "/api/v1/platform/subscriptions/resolve", admin, Map.of("key", admin))
                .statusCode()).isEqualTo(404);
        assertThat(List.of(platform.settings().get("PLATFORM_API_BASE_URL"))).allSatisfy(v -> assertThat(v).isPresent());
    }
}
