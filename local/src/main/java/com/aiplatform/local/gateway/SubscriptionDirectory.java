package com.aiplatform.local.gateway;

import java.util.Optional;

/** Where the gateway resolves subscription keys: the platform app's resolve API ({@link HttpPlatformConsumers}). */
@FunctionalInterface
public interface SubscriptionDirectory {

    Optional<ResolvedSubscription> resolve(String key);

    /** No keys at all: the platform app is not hosted, so only JWTs can authenticate. */
    static SubscriptionDirectory none() {
        return key -> Optional.empty();
    }
}
