package com.aiplatform.shared.telemetry;

import com.aiplatform.shared.event.PlatformEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context ({@code traceparent}) carried across the hops that OpenTelemetry instrumentation
 * does not see: queue messages (a {@code traceparent} field in the JSON body) and CloudEvents (the
 * {@code traceparent} extension attribute). Works with the OpenTelemetry API alone; without an SDK
 * installed there is no current span, and {@link #currentOrNew()} still gives work a trace id that
 * logs can be correlated by.
 */
public final class TraceContext {

    /** The field and extension attribute name, as the W3C and CloudEvents specifications spell it. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The {@code traceparent} of the span current on this thread, if there is a valid one. */
    public static Optional<String> current() {
        return format(Span.current().getSpanContext());
    }

    /** The current {@code traceparent}, or a new sampled one starting a trace of its own. */
    public static String currentOrNew() {
        return current().orElseGet(TraceContext::newTraceparent);
    }

    /**
     * The {@code traceparent} work received with (a request header, a message field) when it is a valid W3C
     * one, so the work continues the sender's trace; otherwise the current one or a new trace. Never a
     * value of another shape: a malformed header starts a new trace instead of being passed on.
     */
    public static String continueOrNew(String received) {
        return parse(received).isPresent() ? received.trim() : currentOrNew();
    }

    /** A fresh {@code traceparent} with random trace and span ids, sampled. */
    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId;
        do {
            traceId = TraceId.fromLongs(random.nextLong(), random.nextLong());
        } while (!TraceId.isValid(traceId));
        String spanId;
        do {
            spanId = SpanId.fromLong(random.nextLong());
        } while (!SpanId.isValid(spanId));
        return format(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
                .orElseThrow();
    }

    /** The span context a {@code traceparent} names; empty if it is absent or malformed. */
    public static Optional<SpanContext> parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Optional.empty();
        }
        SpanContext context = Span.fromContext(PROPAGATOR.extract(Context.root(),
                Map.of(TRACEPARENT, traceparent.trim()), MAP_GETTER)).getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /**
     * The context to make current while handling work that carried {@code traceparent}, so that spans
     * started under it join the sender's trace. A missing or malformed value gives the root context.
     */
    public static Context restore(String traceparent) {
        return parse(traceparent).map(c -> Context.root().with(Span.wrap(c))).orElse(Context.root());
    }

    /** The event with the current trace context, unless it already carries one. */
    public static PlatformEvent stamp(PlatformEvent event) {
        if (event.traceparent() != null) {
            return event;
        }
        return new PlatformEvent(event.id(), event.source(), event.type(), event.subject(), event.time(),
                event.data(), currentOrNew());
    }

    /** Adds the current trace context to a queue message body, unless it already has one; returns the body. */
    public static ObjectNode stamp(ObjectNode message) {
        if (!message.hasNonNull(TRACEPARENT)) {
            message.put(TRACEPARENT, currentOrNew());
        }
        return message;
    }

    /** The {@code traceparent} a received queue message body carries, if it carries a valid one. */
    public static Optional<String> of(JsonNode message) {
        JsonNode value = message == null ? null : message.get(TRACEPARENT);
        return value == null || !value.isTextual() || parse(value.asText()).isEmpty()
                ? Optional.empty() : Optional.of(value.asText().trim());
    }

    private static Optional<String> format(SpanContext context) {
        if (!context.isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }
}
