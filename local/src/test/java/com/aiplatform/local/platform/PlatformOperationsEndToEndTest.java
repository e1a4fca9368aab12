package com.aiplatform.local.platform;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.aiplatform.local.platform.PlatformClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operating the whole platform through the gateway, with all five apps hosted as {@code ./platform start}
 * hosts them: every app's health route and the platform's aggregate of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOperationsEndToEndTest {

    private static final List<String> APPS = List.of("knowledge", "agent", "research", "assistant");

    private RunningPlatform platform;
    private PlatformClient client;
    private String admin;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0)
                .apps(Set.of("knowledge", "agent", "research", "assistant", "platform"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "GATEWAY_KEY_CACHE_TTL", "PT0S"))
                .build().start();
        client = new PlatformClient(platform.baseUrl());
        admin = platform.developmentKey().orElseThrow();
        client.useContract(client.send("GET", "/api/v1/platform/openapi.yaml", admin, null).body());
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_answer_200_with_every_app_up_when_all_five_apps_are_hosted() {
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
                .containsExactlyInAnyOrder("platform", "knowledge", "agent", "research", "assistant");
        assertThat(report.get("apps").findValuesAsText("status")).containsOnly("up");
    }
}
