package com.aiplatform.llm.api;

import com.aiplatform.shared.usage.CallContext;
import com.microsoft.azure.functions.HttpRequestMessage;

/** Builds the call context of an HTTP request: the caller from the gateway's headers, the trace. */
final class Calls {

    static final String APP = "llm";

    private Calls() {
    }

    static CallContext context(HttpRequestMessage<?> request, String correlationId) {
        return CallContext.fromGateway(request.getHeaders(), APP, correlationId);
    }
}
