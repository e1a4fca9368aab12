package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.gateway.HttpPlatformConsumers;
import com.aiplatform.local.gateway.PlatformConsumers;
import com.aiplatform.local.gateway.ResolvedSubscription;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local gateway's HTTP resolver ({@link HttpPlatformConsumers}, the call APIM's policy makes) against the real
 * platform app on Azurite, reached as the local platform wires it ({@code PLATFORM_API_BASE_URL}, {@code _API_KEY}):
 * a valid key resolves to its subscription, a revoked or unknown one to none; creating and rotating keys; and the
 * running gateway's cache, kept far longer than the test, dropping a revoked key on the platform's event alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpPlatformConsumersContractTest {

    private static final Caller ADMIN = new Caller("ops", TenantId.of("acme"), Set.of(Caller.ADMIN));

    private RunningPlatform platform;
    private AppToApp api;
    private PlatformConsumers consumers;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform"))
                .settings(Map.of("GATEWAY_KEY_CACHE_TTL", "PT10M")).build().start();
        api = new AppToApp(platform, "platform");
        consumers = HttpPlatformConsumers.create(URI.create(platform.settings().get("PLATFORM_API_BASE_URL").orElseThrow()),
                platform.settings().get("PLATFORM_API_KEY").orElseThrow(), Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_resolve_a_valid_key_to_its_consumers_subscription_when_the_platform_issued_it() {
        String key = createConsumer("shop", List.of("reader"), List.of("sales", "emea")).path("key").asText();

        assertThat(consumers.resolve(key)).contains(
                new ResolvedSubscription("shop", "acme", "starter", Set.of("reader"), Set.of("sales", "emea")));
    }

    @Test
    void should_resolve_to_none_when_the_key_is_unknown_or_not_a_key_at_all() {
        assertThat(consumers.resolve("aip_" + "A".repeat(43))).isEmpty();
        assertThat(consumers.resolve("not-a-key")).isEmpty();
        assertThat(consumers.resolve("")).isEmpty();
    }

    @Test
    void should_resolve_to_none_when_the_key_was_revoked() {
        JsonNode issued = createConsumer("revoked-shop", List.of(), null);
        String key = issued.path("key").asText();
        assertThat(consumers.resolve(key)).isPresent();

        revoke("revoked-shop", issued.path("keyId").asText());

        assertThat(consumers.resolve(key)).isEmpty();
    }

    @Test
    void should_create_once_and_rotate_to_a_second_working_key_when_the_consumer_exists() {
        var consumer = new PlatformConsumers.NewConsumer("builder", "acme", "standard", List.of("admin"));

        String first = consumers.create(ADMIN, consumer).orElseThrow();
        assertThat(consumers.create(ADMIN, consumer)).as("a second create is a 409").isEmpty();
        String second = consumers.rotate(ADMIN, "acme", "builder");

        assertThat(second).isNotEqualTo(first);
        assertThat(consumers.resolve(first)).isPresent();
        assertThat(consumers.resolve(second)).map(ResolvedSubscription::product).contains("standard");
    }

    @Test
    void should_refuse_a_revoked_key_at_once_though_the_gateway_cached_it_when_the_platform_publishes_the_event()
            throws Exception {
        JsonNode issued = createConsumer("cached-shop", List.of(), null);
        String key = issued.path("key").asText();
        assertThat(throughGateway(key).statusCode()).isEqualTo(200);

        revoke("cached-shop", issued.path("keyId").asText());

        HttpResponse<String> refused = throughGateway(key);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void should_answer_503_and_not_none_when_the_platform_cannot_be_reached() {
        var unreachable = HttpPlatformConsumers.create(URI.create("http://127.0.0.1:9"), "none", Duration.ofSeconds(2));

        assertThatThrownBy(() -> unreachable.resolve("aip_" + "A".repeat(43)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    private JsonNode createConsumer(String id, List<String> roles, List<String> groups) {
        Map<String, Object> body = new HashMap<>(Map.of("consumerId", id, "product", "starter", "roles", roles));
        if (groups != null) {
            body.put("groups", groups);
        }
        return api.json(ADMIN, "POST", "/api/v1/platform/consumers", body, 201);
    }

    private void revoke(String consumerId, String keyId) {
        HttpResponse<String> revoked = api.send(ADMIN, "DELETE", "/api/v1/platform/consumers/" + consumerId + "/keys/"
                + keyId, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    }

    private HttpResponse<String> throughGateway(String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.baseUrl() + "/api/v1/platform/openapi.yaml"))
                .header("Ocp-Apim-Subscription-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
