package com.aiplatform.shared.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established by the gateway (APIM in Azure, the local gateway locally) from a
 * subscription key or a validated JWT. Functions never derive identity from anything else.
 */
public record Caller(String consumerId, TenantId tenant, Set<String> roles) {

    /** Manages its own tenant. */
    public static final String ADMIN = "admin";
    /** Manages every tenant and the platform itself (dead letters, operational details such as health). */
    public static final String PLATFORM_ADMIN = "platform-admin";

    public Caller {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(tenant, "tenant");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
