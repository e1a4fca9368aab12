package com.aiplatform.platform.consumers;

import java.util.Set;

/**
 * What a valid subscription key stands for: the identity and product the gateway enforces, and the consumer's
 * groups, which the gateway forwards as the caller's groups (documents' readers name them).
 */
public record Subscription(String consumerId, String tenantId, String product, Set<String> roles, Set<String> groups) {

    public Subscription {
        roles = Set.copyOf(roles);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** A subscription of a consumer in no group. */
    public Subscription(String consumerId, String tenantId, String product, Set<String> roles) {
        this(consumerId, tenantId, product, roles, Set.of());
    }
}
