package com.aiplatform.local.invoke;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} of one invocation. As in the Java worker, the logger is a
 * java.util.logging logger named for the function, and the trace context carries the W3C
 * {@code traceparent} of the request or message that started it.
 */
public record LocalExecutionContext(String invocationId, String functionName, String traceparent)
        implements ExecutionContext {

    public static LocalExecutionContext start(String functionName, String traceparent) {
        return new LocalExecutionContext(UUID.randomUUID().toString(), functionName, traceparent);
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
        return new TraceContext() {
            @Override
            public String getTraceparent() {
                return traceparent;
            }

            @Override
            public String getTracestate() {
                return "";
            }

            @Override
            public Map<String, String> getAttributes() {
                return Map.of();
            }
        };
    }
}
