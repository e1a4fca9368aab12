package com.aiplatform.platform.consumers;

import java.util.Set;

/** What a valid subscription key stands for: the identity and product the gateway enforces. */
public record Subscription(String consumerId, String tenantId, String product, Set<String> roles) {

    public Subscription {
        roles = Set.copyOf(roles);
    }
}
