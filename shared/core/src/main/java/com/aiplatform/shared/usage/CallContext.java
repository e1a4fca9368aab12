package com.aiplatform.shared.usage;

import com.aiplatform.shared.identity.Caller;

/** Who a piece of work is for and how to trace it, carried into usage records. */
public record CallContext(Caller caller, String app, String correlationId, String traceId) {
}
