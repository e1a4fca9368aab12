package com.aiplatform.assistant.api;

import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.usage.CallContext;
import com.microsoft.azure.functions.HttpRequestMessage;

import java.util.UUID;

/** Builds the call context of an HTTP request: the caller from the gateway's headers, the trace. */
final class Calls {

    static final String APP = "assistant";

    private Calls() {
    }

    static CallContext context(HttpRequestMessage<?> request, String correlationId) {
        String traceparent = GatewayHeaders.header(request.getHeaders(), "traceparent");
        return new CallContext(GatewayHeaders.callerFrom(request.getHeaders()), APP, correlationId,
                traceparent == null ? UUID.randomUUID().toString() : traceparent);
    }
}
