package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.settings.LocalSettings;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform app's health probes ({@code PlatformHealth}: each app's {@code /health} with its key, in parallel)
 * against the real apps on Azurite, as the local platform wires them ({@code <APP>_API_BASE_URL}, {@code _API_KEY}):
 * 200 when every app answers 200; 503 and the app {@code down} when an app answers 503 or cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformHealthContractTest {

    /** An operator: health details (why an app is down) go to platform admins only. */
    private static final Caller ADMIN = new Caller("ops", TenantId.of("local"), Set.of("admin", Caller.PLATFORM_ADMIN));

    private RunningPlatform platform;
    private AppToApp api;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "knowledge", "research"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "PLATFORM_HEALTH_APPS", "knowledge,research"))
                .build().start();
        api = new AppToApp(platform, "platform");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_answer_200_with_every_app_up_when_each_apps_health_answers_200() {
        HttpResponse<String> response = api.send(ADMIN, "GET", "/api/v1/platform/health", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> apps = apps(Json.tree(response.body()));
        assertThat(apps).containsOnlyKeys("platform", "knowledge", "research");
        assertThat(apps.values()).allSatisfy(app -> {
            assertThat(app.get("status").asText()).isEqualTo("up");
            assertThat(app.get("httpStatus").asInt()).isEqualTo(200);
        });
    }

    @Test
    void should_answer_503_with_the_app_down_when_a_real_apps_health_answers_503() {
        String queueName = platform.settings().get("RESEARCH_PLAN_QUEUE").orElse("research-plan");
        QueueClient planQueue = new QueueClientBuilder()
                .connectionString(platform.settings().get(LocalSettings.STORAGE).orElseThrow())
                .queueName(queueName).buildClient();
        planQueue.delete(); // research's own check of the queue it reads now fails
        try {
            HttpResponse<String> own = api.send(ADMIN, "GET", "/api/v1/research/health", null);
            assertThat(own.statusCode()).as(own.body()).isEqualTo(503);

            HttpResponse<String> response = api.send(ADMIN, "GET", "/api/v1/platform/health", null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode report = Json.tree(response.body());
            assertThat(report.get("status").asText()).isEqualTo("degraded");
            assertThat(apps(report).get("research").get("status").asText()).isEqualTo("down");
            assertThat(apps(report).get("research").get("httpStatus").asInt()).isEqualTo(503);
            assertThat(apps(report).get("knowledge").get("status").asText()).isEqualTo("up");
        } finally {
            planQueue.createIfNotExists();
        }
    }

    @Test
    void should_answer_503_with_the_app_down_when_an_app_cannot_be_reached() {
        Map<String, String> settings = new HashMap<>(Map.of("PLATFORM_HEALTH_APPS", "research",
                "RESEARCH_API_BASE_URL", "http://127.0.0.1:9", "RESEARCH_API_KEY", "none"));
        try (RunningPlatform alone = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform"))
                .settings(settings).build().start()) {
            HttpResponse<String> response = new AppToApp(alone, "platform").send(ADMIN, "GET", "/api/v1/platform/health", null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode research = apps(Json.tree(response.body())).get("research");
            assertThat(research.get("status").asText()).isEqualTo("down");
            assertThat(research.get("detail").asText()).startsWith("unreachable");
        }
    }

    private static Map<String, JsonNode> apps(JsonNode report) {
        Map<String, JsonNode> apps = new HashMap<>();
        report.get("apps").forEach(app -> apps.put(app.get("app").asText(), app));
        return apps;
    }
}
