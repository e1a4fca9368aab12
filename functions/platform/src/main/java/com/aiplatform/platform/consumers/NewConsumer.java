package com.aiplatform.platform.consumers;

import java.util.List;

/**
 * The body of a create-consumer request; {@code tenantId} defaults to the caller's tenant. {@code groups} are the
 * groups the consumer is a member of (optional): the gateway forwards them as the caller's groups.
 */
public record NewConsumer(String consumerId, String tenantId, String product, List<String> roles, List<String> groups) {

    public NewConsumer(String consumerId, String tenantId, String product, List<String> roles) {
        this(consumerId, tenantId, product, roles, null);
    }
}
