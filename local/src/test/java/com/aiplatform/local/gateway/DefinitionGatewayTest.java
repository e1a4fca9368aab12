package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local gateway against the repository's gateway definition, with a clock the tests move. */
class DefinitionGatewayTest {

    private static final String SEARCH = "/api/v1/knowledge/search";
    private static final Map<String, ResolvedSubscription> KEYS = Map.of(
            "starter-key", new ResolvedSubscription("shop", "acme", "starter", Set.of("reader")),
            "standard-key", new ResolvedSubscription("ops", "acme", "standard", Set.of("admin")),
            "hr-key", new ResolvedSubscription("hr-app", "acme", "starter", Set.of(), Set.of("hr", "managers")));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final Tokens issuer = new Tokens("k1");
    private final DefinitionGateway gateway = new DefinitionGateway(GatewayDefinition.load(),
            key -> Optional.ofNullable(KEYS.get(key)),
            Optional.of(new JwtVerifier(issuer.jwks(), Tokens.ISSUER, Tokens.AUDIENCE, "aiplatform_tenant", clock)), clock);

    @Test
    void should_set_identity_from_the_key_and_drop_spoofed_identity_headers() {
        Admission admission = gateway.admit("POST", SEARCH, Map.of("ocp-apim-subscription-key", "starter-key",
                "x-aiplatform-tenant-id", "victim", "x-aiplatform-roles", "platform-admin", "content-type", "application/json"));

        var caller = GatewayHeaders.callerFrom(admission.forward());
        assertThat(caller.consumerId()).isEqualTo("shop");
        assertThat(caller.tenant().value()).isEqualTo("acme");
        assertThat(caller.roles()).containsExactly("reader");
        assertThat(admission.forward()).doesNotContainKey("ocp-apim-subscription-key").doesNotContainValue("victim")
                .containsEntry("content-type", "application/json");
        assertThat(admission.responseHeaders()).containsEntry("x-ratelimit-remaining", "19");
    }

    @Test
    void should_forward_the_products_llm_cache_policy_and_drop_the_one_a_client_sent() {
        Map<String, String> spoofing = Map.of("ocp-apim-subscription-key", "standard-key",
                GatewayHeaders.CACHE_POLICY, "semantic;threshold=0.1");
        String developmentKey = "development-key";
        var gatewayWithDevelopment = new DefinitionGateway(GatewayDefinition.load(), key -> Optional.ofNullable(
                key.equals(developmentKey) ? new ResolvedSubscription("dev", "acme", "development", Set.of()) : KEYS.get(key)),
                Optional.empty(), clock);

        var standard = gatewayWithDevelopment.admit("POST", "/api/v1/llm/v1/chat/completions", spoofing).forward();
        var development = gatewayWithDevelopment.admit("POST", "/api/v1/llm/v1/chat/completions",
                Map.of("ocp-apim-subscription-key", developmentKey, "X-AIPlatform-Cache-Policy", "off")).forward();

        assertThat(standard).containsEntry(GatewayHeaders.CACHE_POLICY, "off").hasSize(5);
        assertThat(development).containsEntry(GatewayHeaders.CACHE_POLICY, "semantic;threshold=0.95")
                .doesNotContainKey("X-AIPlatform-Cache-Policy");
    }

    @Test
    void should_refuse_an_llm_cache_when_its_threshold_is_missing_out_of_range_or_without_semantic() {
        assertThat(new GatewayDefinition.LlmCache("semantic", 1.0).header()).isEqualTo("semantic;threshold=1");
        assertThat(new GatewayDefinition.LlmCache("exact", null).header()).isEqualTo("exact");
        for (var invalid : List.<Runnable>of(() -> new GatewayDefinition.LlmCache("semantic", null),
                () -> new GatewayDefinition.LlmCache("semantic", 0.0), () -> new GatewayDefinition.LlmCache("semantic", 1.5),
                () -> new GatewayDefinition.LlmCache("exact", 0.9), () -> new GatewayDefinition.LlmCache("fuzzy", null))) {
            assertThatThrownBy(invalid::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void should_forward_the_consumers_groups_and_never_the_groups_a_client_sent() {
        Admission withGroups = gateway.admit("POST", SEARCH, Map.of("ocp-apim-subscription-key", "hr-key",
                "x-aiplatform-groups", "finance"));
        Admission withoutGroups = gateway.admit("POST", SEARCH, Map.of("ocp-apim-subscription-key", "starter-key",
                "X-AiPlatform-Groups", "hr,finance"));

        assertThat(GatewayHeaders.callerFrom(withGroups.forward()).groups()).containsExactlyInAnyOrder("hr", "managers");
        assertThat(GatewayHeaders.callerFrom(withoutGroups.forward()).groups()).isEmpty();
        assertThat(withoutGroups.forward()).doesNotContainKey("X-AiPlatform-Groups").doesNotContainValue("hr,finance");
    }

    @Test
    void should_answer_401_without_credentials_or_with_an_unknown_key() {
        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of()), 401);
        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of("ocp-apim-subscription-key", "guess")), 401);
    }

    @Test
    void should_accept_the_subscription_key_as_a_bearer_token_or_in_api_key_and_forward_it_nowhere_when_it_is_valid() {
        for (Map<String, String> credentials : List.of(Map.of("authorization", "Bearer starter-key"),
                Map.of("api-key", "starter-key"), Map.of("ocp-apim-subscription-key", "starter-key"))) {
            Admission admission = gateway.admit("POST", "/api/v1/llm/v1/chat/completions", credentials);

            var caller = GatewayHeaders.callerFrom(admission.forward());
            assertThat(caller.consumerId()).as(credentials.keySet().toString()).isEqualTo("shop");
            assertThat(caller.tenant().value()).isEqualTo("acme");
            assertThat(admission.forward()).doesNotContainValue("starter-key").doesNotContainValue("Bearer starter-key");
        }
    }

    @Test
    void should_answer_401_when_a_wrong_key_is_sent_in_any_of_the_three_places() {
        for (Map<String, String> credentials : List.of(Map.of("authorization", "Bearer guess"),
                Map.of("api-key", "guess"), Map.of("ocp-apim-subscription-key", "guess"),
                Map.of("api-key", "guess", "authorization", "Bearer standard-key"))) {
            assertThatThrownBy(() -> gateway.admit("GET", "/api/v1/llm/v1/models", credentials))
                    .as(credentials.toString())
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void should_accept_a_valid_jwt_with_its_claims_as_identity() {
        String token = issuer.token(Tokens.AUDIENCE, clock.instant().plusSeconds(600), "globex", List.of("admin"));

        var forward = gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer " + token)).forward();

        var caller = GatewayHeaders.callerFrom(forward);
        assertThat(caller.consumerId()).isEqualTo("client-app");
        assertThat(caller.tenant().value()).isEqualTo("globex");
        assertThat(caller.roles()).containsExactly("admin");
        assertThat(caller.groups()).isEmpty();
        assertThat(forward).doesNotContainKey("authorization");
    }

    @Test
    void should_take_the_groups_from_the_jwt_groups_claim_and_not_from_a_client_header() {
        String token = issuer.token(Tokens.AUDIENCE, clock.instant().plusSeconds(600), "globex", List.of(),
                List.of("0f1e2d3c-aaaa-bbbb-cccc-000000000001", "engineering"));

        var forward = gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer " + token,
                "x-aiplatform-groups", "executives")).forward();

        assertThat(GatewayHeaders.callerFrom(forward).groups())
                .containsExactlyInAnyOrder("0f1e2d3c-aaaa-bbbb-cccc-000000000001", "engineering");
    }

    @Test
    void should_answer_401_for_an_expired_token_a_wrong_audience_or_a_wrong_signature() {
        String expired = issuer.token(Tokens.AUDIENCE, clock.instant().minusSeconds(120), "globex", List.of());
        String otherAudience = issuer.token("api://someone-else", clock.instant().plusSeconds(600), "globex", List.of());
        String forged = new Tokens("k1").token(Tokens.AUDIENCE, clock.instant().plusSeconds(600), "globex", List.of());

        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer " + expired)), 401);
        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer " + otherAudience)), 401);
        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer " + forged)), 401);
        assertStatus(() -> gateway.admit("GET", SEARCH, Map.of("authorization", "Bearer not.a.jwt")), 401);
    }

    @Test
    void should_answer_429_with_retry_after_when_the_rate_limit_is_reached_and_admit_again_next_window() {
        for (int i = 0; i < 20; i++) {
            gateway.admit("GET", SEARCH, key("starter-key"));
        }
        clock.advance(Duration.ofSeconds(45));

        assertThatThrownBy(() -> gateway.admit("GET", SEARCH, key("starter-key")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(15));
                });
        assertThat(gateway.admit("GET", SEARCH, key("standard-key")).forward()).isNotEmpty();
        clock.advance(Duration.ofSeconds(15));
        assertThat(gateway.admit("GET", SEARCH, key("starter-key")).forward()).isNotEmpty();
    }

    @Test
    void should_answer_403_when_the_quota_is_used_up() {
        for (int window = 0; window < 50; window++) {
            for (int i = 0; i < 20; i++) {
                gateway.admit("GET", SEARCH, key("starter-key"));
            }
            clock.advance(Duration.ofSeconds(60));
        }
        assertThatThrownBy(() -> gateway.admit("GET", SEARCH, key("starter-key")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.problem().type().toString()).endsWith("quota-exceeded");
                });
    }

    @Test
    void should_answer_429_when_the_reported_tokens_reach_the_token_limit() {
        Admission first = gateway.admit("POST", SEARCH, key("starter-key"));
        first.onResponse().accept(200, Map.of("x-aiplatform-tokens", "20000"));

        assertStatus(() -> gateway.admit("POST", SEARCH, key("starter-key")), 429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(gateway.admit("POST", SEARCH, key("starter-key")).forward()).isNotEmpty();
    }

    @Test
    void should_refuse_apis_outside_the_product_internal_paths_and_oversized_bodies() {
        assertStatus(() -> gateway.admit("GET", "/api/v1/research/tasks", key("starter-key")), 403);
        assertStatus(() -> gateway.admit("POST", "/api/v1/platform/budget/reservations", key("standard-key")), 404);
        assertStatus(() -> gateway.admit("GET", "/api/v2/elsewhere", key("standard-key")), 404);
        Map<String, String> large = new HashMap<>(key("standard-key"));
        large.put("content-length", Long.toString(10L * 1024 * 1024 + 1));
        assertStatus(() -> gateway.admit("POST", "/api/v1/knowledge/documents", large), 413);
    }

    @Test
    void should_answer_preflights_itself_and_add_cors_headers_for_allowed_origins() {
        Admission preflight = gateway.admit("OPTIONS", SEARCH, Map.of("origin", "http://localhost:3000",
                "access-control-request-method", "POST"));
        assertThat(preflight.answer()).hasValue(204);
        assertThat(preflight.responseHeaders()).containsEntry("access-control-allow-origin", "http://localhost:3000")
                .containsKey("access-control-allow-headers");

        Map<String, String> fromPage = new HashMap<>(key("starter-key"));
        fromPage.put("origin", "http://localhost:3000");
        assertThat(gateway.admit("GET", SEARCH, fromPage).responseHeaders())
                .containsEntry("access-control-allow-origin", "http://localhost:3000");
        assertThatThrownBy(() -> gateway.admit("GET", SEARCH, Map.of("origin", "http://localhost:3000")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.headers()).containsEntry("access-control-allow-origin", "http://localhost:3000"));
        assertStatus(() -> gateway.admit("OPTIONS", SEARCH, Map.of("origin", "https://evil.example",
                "access-control-request-method", "POST")), 403);
    }

    private static Map<String, String> key(String key) {
        return Map.of("ocp-apim-subscription-key", key);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(status));
    }
}
