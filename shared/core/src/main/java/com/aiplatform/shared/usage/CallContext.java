package com.aiplatform.shared.usage;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.telemetry.TraceContext;

import java.util.Map;

/**
 * Who a piece of work is for and how to trace it, carried into usage records, messages and events.
 * {@code traceId} holds the W3C {@code traceparent} of the work.
 */
public record CallContext(Caller caller, String app, String correlationId, String traceId) {

    /**
     * The context of an HTTP request that passed the gateway: the caller from the gateway's identity headers
     * only, and the request's {@code traceparent} when it is a valid one, else a new trace.
     */
    public static CallContext fromGateway(Map<String, String> headers, String app, String correlationId) {
        return new CallContext(GatewayHeaders.callerFrom(headers), app, correlationId,
                TraceContext.continueOrNew(GatewayHeaders.header(headers, TraceContext.TRACEPARENT)));
    }
}
