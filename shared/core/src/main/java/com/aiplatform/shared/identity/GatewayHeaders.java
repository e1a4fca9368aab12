package com.aiplatform.shared.identity;

import com.aiplatform.shared.problem.ProblemException;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identity headers that only the gateway sets. The gateway strips any a client sent before it
 * sets its own; function apps are reachable only through it (function keys in Azure).
 */
public final class GatewayHeaders {

    public static final String CONSUMER_ID = "x-aiplatform-consumer-id";
    public static final String TENANT_ID = "x-aiplatform-tenant-id";
    public static final String ROLES = "x-aiplatform-roles";
    /** The caller's groups, comma-separated: from a JWT's groups claim or the consumer's groups in the platform app. */
    public static final String GROUPS = "x-aiplatform-groups";
    public static final Set<String> ALL = Set.of(CONSUMER_ID, TENANT_ID, ROLES, GROUPS);
    /**
     * The caller's product's choice of the llm app's answer cache ({@code off}, {@code exact} or
     * {@code semantic;threshold=0.95}), from the gateway
     * definition; set by the gateway alone, like the identity headers.
     */
    public static final String CACHE_POLICY = "x-aiplatform-cache-policy";

    private GatewayHeaders() {
    }

    /** Reads the caller from request headers (names compared case-insensitively); 401 when absent. */
    public static Caller callerFrom(Map<String, String> headers) {
        String consumer = header(headers, CONSUMER_ID);
        String tenant = header(headers, TENANT_ID);
        if (consumer == null || consumer.isBlank() || tenant == null || tenant.isBlank()) {
            throw ProblemException.unauthorized("The request carries no caller identity from the gateway");
        }
        return new Caller(consumer.trim(), TenantId.of(tenant.trim()), list(header(headers, ROLES)),
                list(header(headers, GROUPS)));
    }

    /** The identity headers that carry {@code caller} to another app, for calls made on its behalf. */
    public static Map<String, String> of(Caller caller) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(CONSUMER_ID, caller.consumerId());
        headers.put(TENANT_ID, caller.tenant().value());
        if (!caller.roles().isEmpty()) {
            headers.put(ROLES, String.join(",", caller.roles()));
        }
        if (!caller.groups().isEmpty()) {
            headers.put(GROUPS, String.join(",", caller.groups()));
        }
        return headers;
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The caller, when the gateway named one; a call from a sibling app with only a function key names none. */
    public static Optional<Caller> callerIfPresent(Map<String, String> headers) {
        String consumer = header(headers, CONSUMER_ID);
        String tenant = header(headers, TENANT_ID);
        if (consumer == null || consumer.isBlank() || tenant == null || tenant.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(callerFrom(headers));
    }

    public static String header(Map<String, String> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
