package com.aiplatform.local.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the APIM policy templates from the gateway definition by plain placeholder replacement, exactly
 * what the Bicep module does with {@code loadTextContent} and {@code replace()} (see infra/apim/README.md),
 * so the test checks the XML that APIM will receive.
 */
final class ApimPolicies {

    private final Path templates;
    private final GatewayDefinition definition;

    ApimPolicies(Path templates, GatewayDefinition definition) {
        this.templates = templates;
        this.definition = definition;
    }

    String global() {
        GatewayDefinition.Cors cors = definition.cors();
        return replace(read("global.xml"), Map.of(
                "__CORS_ORIGINS__", elements("origin", cors.allowedOrigins()),
                "__CORS_METHODS__", elements("method", cors.allowedMethods()),
                "__CORS_HEADERS__", elements("header", cors.allowedHeaders()),
                "__CORS_EXPOSED__", elements("header", cors.exposedHeaders()),
                "__CORS_MAX_AGE__", Integer.toString(cors.maxAgeSeconds())));
    }

    String api(GatewayDefinition.Api api) {
        String limits = definition.products().stream().map(p -> productLimits(p, api)).collect(Collectors.joining("\n"));
        GatewayDefinition.Identity identity = definition.identity();
        GatewayDefinition.Jwt jwt = identity.jwt();
        return replace(read("api.xml"), Map.ofEntries(
                Map.entry("__PRODUCT_LIMITS__", limits),
                Map.entry("__APP__", api.app()),
                Map.entry("__MAX_REQUEST_BYTES__", Long.toString(api.maxRequestBytes())),
                Map.entry("__INTERNAL_PATHS__", String.join(",", api.internalPaths())),
                Map.entry("__FUNCTION_KEY_NAMED_VALUE__", api.functionKeyNamedValue()),
                Map.entry("__BACKEND_ID__", "func-" + api.app()),
                Map.entry("__KEY_HEADER__", identity.subscriptionKeyHeader()),
                Map.entry("__API_KEY_HEADER__", identity.apiKeyHeader()),
                Map.entry("__JWT_OPENID_CONFIG__", jwt.openIdConfiguration()),
                Map.entry("__JWT_AUDIENCE__", jwt.audience()),
                Map.entry("__JWT_ISSUER__", jwt.issuer()),
                Map.entry("__JWT_CONSUMER_CLAIM__", jwt.consumerClaim()),
                Map.entry("__JWT_TENANT_CLAIM__", jwt.tenantClaim()),
                Map.entry("__JWT_ROLES_CLAIM__", jwt.rolesClaim()),
                Map.entry("__JWT_GROUPS_CLAIM__", jwt.groupsClaim()),
                Map.entry("__JWT_PRODUCT__", jwt.product()),
                Map.entry("__CONSUMER_HEADER__", identity.headers().get("consumer")),
                Map.entry("__TENANT_HEADER__", identity.headers().get("tenant")),
                Map.entry("__ROLES_HEADER__", identity.headers().get("roles")),
                Map.entry("__GROUPS_HEADER__", identity.headers().get("groups")),
                Map.entry("__CACHE_POLICY_HEADER__", identity.headers().get("cachePolicy"))));
    }

    private String productLimits(GatewayDefinition.Product product, GatewayDefinition.Api api) {
        return replace(read("product-limits.xml"), Map.of(
                "__PRODUCT_ID__", product.id(),
                "__PRODUCT_APIS__", String.join(",", product.apis()),
                "__RATE_CALLS__", Long.toString(product.rateLimit().calls()),
                "__RATE_PERIOD__", Long.toString(product.rateLimit().renewalPeriodSeconds()),
                "__QUOTA_CALLS__", Long.toString(product.quota().calls()),
                "__QUOTA_PERIOD__", Long.toString(product.quota().renewalPeriodSeconds()),
                "__TOKENS_PER_MINUTE__", Long.toString(product.tokenLimit().tokensPerMinute()),
                "__TOKENS_HEADER__", definition.identity().tokensResponseHeader(),
                "__CACHE_POLICY_HEADER__", definition.identity().headers().get("cachePolicy"),
                "__LLM_CACHE_POLICY__", product.llmCache().header()));
    }

    private String read(String name) {
        try {
            return Files.readString(templates.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Longest placeholders first, so that none is a prefix of another's replacement. */
    private static String replace(String template, Map<String, String> values) {
        String result = template;
        for (String placeholder : values.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            result = result.replace(placeholder, values.get(placeholder));
        }
        return result;
    }

    private static String elements(String name, List<String> values) {
        return values.stream().map(v -> "<" + name + ">" + v + "</" + name + ">").collect(Collectors.joining());
    }
}
