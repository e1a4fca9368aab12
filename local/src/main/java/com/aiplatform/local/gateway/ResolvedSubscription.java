package com.aiplatform.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a valid subscription key stands for, as the platform app's {@code POST /api/v1/platform/subscriptions/resolve}
 * answers it (the JSON APIM's policy reads): the identity and product the gateway enforces, and the consumer's groups,
 * which the gateway forwards as the caller's groups. Mirrors the wire, not a platform class.
 */
public record ResolvedSubscription(String consumerId, String tenantId, String product, Set<String> roles,
                                   Set<String> groups) {

    public ResolvedSubscription {
        roles = Set.copyOf(roles);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** A subscription of a consumer in no group. */
    public ResolvedSubscription(String consumerId, String tenantId, String product, Set<String> roles) {
        this(consumerId, tenantId, product, roles, Set.of());
    }

    /** Reads the resolve answer; a field missing there is a contract break, named here. */
    static ResolvedSubscription fromJson(JsonNode body) {
        return new ResolvedSubscription(text(body, "consumerId"), text(body, "tenantId"), text(body, "product"),
                strings(body.path("roles")), strings(body.path("groups")));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("The platform's resolve answer has no " + field + ": " + body);
        }
        return value.asText();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
