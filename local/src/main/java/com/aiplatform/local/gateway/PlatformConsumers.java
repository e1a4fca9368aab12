package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.Caller;

import java.util.List;
import java.util.Optional;

/** The part of the platform app's consumer API the local host uses: resolve a key, create a consumer, rotate its key. */
public interface PlatformConsumers extends SubscriptionDirectory {

    /** The new consumer's first key, or empty when a consumer of that id exists in that tenant already. */
    Optional<String> create(Caller caller, NewConsumer consumer);

    /** A new key for the consumer (the previous one keeps working until revoked). */
    String rotate(Caller caller, String tenantId, String consumerId);

    /** The body of a create-consumer request, as the platform's OpenAPI document describes it. */
    record NewConsumer(String consumerId, String tenantId, String product, List<String> roles) {
    }
}
