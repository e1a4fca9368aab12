package com.aiplatform.platform.consumers;

import java.util.List;

/** The body of a create-consumer request; {@code tenantId} defaults to the caller's tenant. */
public record NewConsumer(String consumerId, String tenantId, String product, List<String> roles) {
}
