package com.aiplatform.local.http;

import com.aiplatform.local.invoke.TraceParent;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id and W3C trace context of one request. A sane incoming {@code x-request-id} is kept
 * so that clients can correlate; otherwise one is generated. The trace is continued or started.
 */
public record Correlation(String requestId, String traceparent) {

    public static final String REQUEST_ID = "x-request-id";
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    /** From request headers with lower-case names. */
    public static Correlation of(Map<String, String> headers) {
        String requestId = headers.get(REQUEST_ID);
        if (requestId == null || !SAFE_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        return new Correlation(requestId, TraceParent.continueFrom(headers.get(TRACEPARENT)));
    }
}
