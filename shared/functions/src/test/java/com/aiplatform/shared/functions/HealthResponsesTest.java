package com.aiplatform.shared.functions;

import com.aiplatform.shared.health.HealthCheck;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.identity.GatewayHeaders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthResponsesTest {

    private static final String INDEX = "/home/someone/.data/knowledge/index";

    private final HealthService health = new HealthService("knowledge", List.of(
            new HealthCheck("vectorStore", () -> "lucene " + INDEX),
            new HealthCheck("llm", () -> {
                throw new IllegalStateException("connection refused by http://10.0.0.7:8080");
            })), Clock.systemUTC());

    @Test
    void should_give_statuses_without_paths_or_errors_when_the_caller_is_not_a_platform_admin() {
        for (Map<String, String> headers : List.of(
                Map.<String, String>of(),
                identity("reader"),
                identity("admin"))) {
            var response = HealthResponses.respond(health, new FakeRequest(headers, new byte[0]));

            String body = (String) response.getBody();
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(body).contains("\"vectorStore\":{\"status\":\"up\"", "\"llm\":{\"status\":\"down\"")
                    .doesNotContain(INDEX, "10.0.0.7", "IllegalStateException", "detail");
        }
    }

    @Test
    void should_give_the_details_when_the_caller_is_a_platform_admin() {
        var response = HealthResponses.respond(health, new FakeRequest(identity("admin,platform-admin"), new byte[0]));

        assertThat((String) response.getBody()).contains(INDEX, "IllegalStateException");
    }

    @Test
    void should_stay_up_and_report_unavailable_when_only_an_optional_check_fails() {
        var withOptional = new HealthService("assistant", List.of(
                new HealthCheck("tableStorage", () -> "table files"),
                HealthCheck.optional("ocr", () -> {
                    throw new IllegalStateException("tesseract cannot run here");
                })), Clock.systemUTC());

        var response = HealthResponses.respond(withOptional, new FakeRequest(identity("platform-admin"), new byte[0]));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat((String) response.getBody()).contains("\"status\":\"up\"",
                "\"ocr\":{\"status\":\"unavailable\"", "tesseract cannot run here");
    }

    private static Map<String, String> identity(String roles) {
        return Map.of(GatewayHeaders.CONSUMER_ID, "c", GatewayHeaders.TENANT_ID, "t", GatewayHeaders.ROLES, roles);
    }
}
