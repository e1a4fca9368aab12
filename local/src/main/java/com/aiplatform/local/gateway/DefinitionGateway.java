package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local gateway, enforcing the gateway definition as the rendered APIM policies do: CORS, the route
 * to an app (internal paths hidden), the size limit, a subscription key (resolved by the platform app)
 * or a JWT, the product's APIs, rate limit (429 + Retry-After), quota (403) and token limit (429), then
 * identity headers (consumer, tenant, roles, groups) and the product's llm cache mode set by the gateway alone after
 * dropping any the client sent.
 */
public final class DefinitionGateway implements Gateway {

    private final GatewayDefinition definition;
    private final SubscriptionDirectory subscriptions;
    private final Optional<JwtVerifier> jwt;
    private final CorsPolicy cors;
    private final WindowCounters counters;
    private final String keyHeader;
    private final String apiKeyHeader;
    private final Set<String> stripped;

    public DefinitionGateway(GatewayDefinition definition, SubscriptionDirectory subscriptions,
                             Optional<JwtVerifier> jwt, Clock clock) {
        this.definition = definition;
        this.subscriptions = subscriptions;
        this.jwt = jwt;
        this.cors = new CorsPolicy(definition.cors());
        this.counters = new WindowCounters(clock);
        this.keyHeader = definition.identity().subscriptionKeyHeader().toLowerCase(Locale.ROOT);
        this.apiKeyHeader = definition.identity().apiKeyHeader().toLowerCase(Locale.ROOT);
        this.stripped = Set.of(keyHeader, apiKeyHeader, "authorization", GatewayHeaders.CONSUMER_ID,
                GatewayHeaders.TENANT_ID, GatewayHeaders.ROLES, GatewayHeaders.GROUPS, GatewayHeaders.CACHE_POLICY);
    }

    @Override
    public Admission admit(String method, String path, Map<String, String> headers) {
        Map<String, String> corsHeaders = cors.responseHeaders(headers.get("origin"));
        try {
            Optional<Admission> preflight = cors.preflight(method, headers);
            if (preflight.isPresent()) {
                return preflight.get();
            }
            GatewayDefinition.Api api = definition.route(path).filter(a -> !a.internal(path))
                    .orElseThrow(() -> new ProblemException(Problem.of(404, "not-found", "Not found",
                            "No API serves " + path)));
            checkSize(api, headers.get("content-length"));
            ResolvedSubscription caller = authenticate(headers);
            GatewayDefinition.Product product = definition.product(caller.product())
                    .filter(p -> p.apis().contains(api.app()) || api.app().equals(GatewayDefinition.Mcp.APP))
                    .orElseThrow(() -> ProblemException.forbidden("Product '" + caller.product()
                            + "' does not include the " + api.app() + " API"));
            Map<String, String> responseHeaders = new LinkedHashMap<>(corsHeaders);
            String tokensKey = enforceLimits(product, caller, responseHeaders);
            return new Admission(forward(headers, caller, product), responseHeaders, Optional.empty(),
                    (status, response) -> countTokens(tokensKey, status, response));
        } catch (ProblemException e) {
            Map<String, String> problemHeaders = new LinkedHashMap<>(e.headers());
            problemHeaders.putAll(corsHeaders);
            throw new ProblemException(e.problem(), e.retryAfter().orElse(null), problemHeaders, null);
        }
    }

    private ResolvedSubscription authenticate(Map<String, String> headers) {
        Optional<String> key = subscriptionKey(headers);
        if (key.isPresent()) {
            return subscriptions.resolve(key.get()).orElseThrow(() ->
                    ProblemException.unauthorized("The subscription key is not valid"));
        }
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            JwtVerifier verifier = jwt.orElseThrow(() ->
                    ProblemException.unauthorized("This gateway accepts no bearer tokens (GATEWAY_JWKS_URL is not set)"));
            return fromClaims(verifier.verify(authorization.substring(7).trim()));
        }
        throw ProblemException.unauthorized("Send a subscription key in " + definition.identity().subscriptionKeyHeader()
                + ", " + definition.identity().apiKeyHeader() + " or Authorization: Bearer, or a bearer token");
    }

    /**
     * The subscription key, from the first of: the key header, the {@code api-key} header (Azure OpenAI clients),
     * or {@code Authorization: Bearer <key>} (OpenAI clients) when the bearer value is not a JWT, which always has
     * two dots and a key never has one. APIM's policy makes the same choice.
     */
    private Optional<String> subscriptionKey(Map<String, String> headers) {
        for (String header : new String[]{keyHeader, apiKeyHeader}) {
            String key = headers.get(header);
            if (key != null) {
                return Optional.of(key.trim());
            }
        }
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).trim();
            if (!isJwt(value)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static boolean isJwt(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    private ResolvedSubscription fromClaims(JWTClaimsSet claims) {
        GatewayDefinition.Jwt config = definition.identity().jwt();
        Object consumer = claims.getClaim(config.consumerClaim());
        String consumerId = consumer != null ? consumer.toString() : claims.getSubject();
        Object tenant = claims.getClaim(config.tenantClaim());
        if (consumerId == null || tenant == null) {
            throw ProblemException.unauthorized("The bearer token names no consumer or tenant");
        }
        TenantId.of(tenant.toString());
        return new ResolvedSubscription(consumerId, tenant.toString(), config.product(),
                Set.copyOf(JwtVerifier.roles(claims, config.rolesClaim())),
                Set.copyOf(JwtVerifier.roles(claims, config.groupsClaim())));
    }

    private String enforceLimits(GatewayDefinition.Product product, ResolvedSubscription caller,
                                 Map<String, String> headers) {
        String who = caller.tenantId() + "|" + caller.consumerId();
        var rate = counters.hit("rate|" + who, 1, product.rateLimit().calls(),
                Duration.ofSeconds(product.rateLimit().renewalPeriodSeconds()));
        if (!rate.allowed()) {
            throw new ProblemException(Problem.of(429, "rate-limited", "Too many requests",
                    "Product '" + product.id() + "' allows " + product.rateLimit().calls() + " calls per "
                            + product.rateLimit().renewalPeriodSeconds() + " s"), roundUp(rate.retryAfter()),
                    Map.of("x-ratelimit-remaining", "0"), null);
        }
        headers.put("x-ratelimit-remaining", Long.toString(rate.remaining()));
        var quota = counters.hit("quota|" + who, 1, product.quota().calls(),
                Duration.ofSeconds(product.quota().renewalPeriodSeconds()));
        if (!quota.allowed()) {
            throw new ProblemException(Problem.of(403, "quota-exceeded", "The quota is used up",
                    "Product '" + product.id() + "' allows " + product.quota().calls() + " calls per "
                            + product.quota().renewalPeriodSeconds() + " s; it renews in "
                            + roundUp(quota.retryAfter()).toSeconds() + " s"));
        }
        String tokensKey = "tokens|" + who;
        var tokens = counters.peek(tokensKey, product.tokenLimit().tokensPerMinute(), Duration.ofMinutes(1));
        if (!tokens.allowed()) {
            throw ProblemException.tooManyRequests("Product '" + product.id() + "' allows "
                    + product.tokenLimit().tokensPerMinute() + " model tokens per minute", roundUp(tokens.retryAfter()));
        }
        return tokensKey;
    }

    private void countTokens(String key, int status, Map<String, String> response) {
        String used = response.get(definition.identity().tokensResponseHeader());
        if (status < 400 && used != null && used.matches("\\d{1,12}")) {
            counters.add(key, Long.parseLong(used), Duration.ofMinutes(1));
        }
    }

    private Map<String, String> forward(Map<String, String> headers, ResolvedSubscription caller,
                                        GatewayDefinition.Product product) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!stripped.contains(name.toLowerCase(Locale.ROOT))) {
                forwarded.put(name, value);
            }
        });
        forwarded.put(GatewayHeaders.CONSUMER_ID, caller.consumerId());
        forwarded.put(GatewayHeaders.TENANT_ID, caller.tenantId());
        forwarded.put(GatewayHeaders.ROLES, String.join(",", caller.roles()));
        forwarded.put(GatewayHeaders.GROUPS, String.join(",", caller.groups()));
        forwarded.put(GatewayHeaders.CACHE_POLICY, product.llmCache().header());
        return forwarded;
    }

    private static void checkSize(GatewayDefinition.Api api, String contentLength) {
        if (contentLength != null && contentLength.matches("\\d{1,19}") && Long.parseLong(contentLength) > api.maxRequestBytes()) {
            throw ProblemException.payloadTooLarge(api.maxRequestBytes());
        }
    }

    private static Duration roundUp(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
