package com.aiplatform.shared.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event (structured JSON mode, {@code datacontenttype: application/json}).
 * {@code traceparent} is the W3C trace context of the work that raised it (the CloudEvents
 * distributed-tracing extension), so subscribers continue the same trace.
 */
public record PlatformEvent(String id, String source, String type, String subject, Instant time,
                            JsonNode data, String traceparent) {

    public static final String SPEC_VERSION = "1.0";

    public PlatformEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
