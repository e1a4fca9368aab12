package com.aiplatform.local.gateway;

import com.aiplatform.platform.consumers.Subscription;

import java.util.Optional;

/** Where the gateway resolves subscription keys: the platform app's consumers (a port it exposes in process). */
@FunctionalInterface
public interface SubscriptionDirectory {

    Optional<Subscription> resolve(String key);

    /** No keys at all: the platform app is not hosted, so only JWTs can authenticate. */
    static SubscriptionDirectory none() {
        return key -> Optional.empty();
    }
}
