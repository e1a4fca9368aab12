package com.aiplatform.platform.consumers;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A consumer of the platform's APIs: who it is, which tenant it acts for, which product limits it, which groups it is in. */
public record Consumer(String consumerId, String tenantId, String product, Set<String> roles, Set<String> groups,
                       Instant createdAt, List<KeyInfo> keys) {

    public Consumer {
        roles = Set.copyOf(roles);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        keys = List.copyOf(keys);
    }

    /** A key as listed: never the key itself, which is stored only as a hash and shown once. */
    public record KeyInfo(String keyId, Instant createdAt) {
    }
}
