package com.aiplatform.shared.identity;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established by the gateway (APIM in Azure, the local gateway locally) from a
 * subscription key or a validated JWT: the consumer (or user) id, its tenant, its roles and the groups it is a
 * member of (a JWT's groups claim, or the consumer's groups kept by the platform app). Functions never derive
 * identity from anything else.
 */
public record Caller(String consumerId, TenantId tenant, Set<String> roles, Set<String> groups) {

    /** Manages its own tenant. */
    public static final String ADMIN = "admin";
    /** Manages every tenant and the platform itself (dead letters, operational details such as health). */
    public static final String PLATFORM_ADMIN = "platform-admin";

    public Caller {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(tenant, "tenant");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** A caller in no group. */
    public Caller(String consumerId, TenantId tenant, Set<String> roles) {
        this(consumerId, tenant, roles, Set.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * What this caller may read as: the tenant-wide marker, itself as a user and each of its groups, in the
     * form {@link Readers#principals()} stores on documents. A document is readable when the two sets meet.
     */
    public Set<String> principals() {
        Set<String> principals = new LinkedHashSet<>();
        principals.add(Readers.TENANT_WIDE);
        principals.add(Readers.user(consumerId));
        groups.forEach(group -> principals.add(Readers.group(group)));
        return Set.copyOf(principals);
    }

    /** Whether this caller may read a document with these readers. */
    public boolean canRead(Readers readers) {
        Set<String> mine = principals();
        return readers.principals().stream().anyMatch(mine::contains);
    }
}
