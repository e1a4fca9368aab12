package com.aiplatform.research.api;

import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.telemetry.TraceContext;
import com.microsoft.azure.functions.HttpRequestMessage;

/** The W3C trace context a request carries, or a new one; tasks keep it so their messages and events continue it. */
final class Calls {

    private Calls() {
    }

    static String traceparent(HttpRequestMessage<?> request) {
        return TraceContext.continueOrNew(GatewayHeaders.header(request.getHeaders(), TraceContext.TRACEPARENT));
    }
}
