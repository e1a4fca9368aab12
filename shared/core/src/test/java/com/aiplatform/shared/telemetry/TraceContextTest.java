package com.aiplatform.shared.telemetry;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void should_read_trace_and_span_ids_when_traceparent_is_valid() {
        SpanContext context = TraceContext.parse(PARENT).orElseThrow();

        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isSampled()).isTrue();
        assertThat(context.isRemote()).isTrue();
    }

    @Test
    void should_reject_malformed_or_all_zero_traceparent() {
        assertThat(TraceContext.parse(null)).isEmpty();
        assertThat(TraceContext.parse("")).isEmpty();
        assertThat(TraceContext.parse("not-a-traceparent")).isEmpty();
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
    }

    @Test
    void should_have_no_current_trace_when_no_span_is_active() {
        assertThat(TraceContext.current()).isEmpty();
    }

    @Test
    void should_start_new_valid_trace_when_none_is_current() {
        String first = TraceContext.currentOrNew();
        String second = TraceContext.currentOrNew();

        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.parse(first)).isPresent();
        assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
    }

    @Test
    void should_continue_sender_trace_when_context_is_restored() {
        try (Scope ignored = TraceContext.restore(PARENT).makeCurrent()) {
            assertThat(TraceContext.current()).contains(PARENT);
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        assertThat(TraceContext.current()).isEmpty();
        assertThat(Span.fromContext(TraceContext.restore("garbage")).getSpanContext().isValid()).isFalse();
    }

    @Test
    void should_stamp_event_with_current_trace_but_keep_existing_one() {
        PlatformEvent event = new PlatformEvent("e1", "/src", "T", null, Instant.EPOCH, Json.tree("{}"), null);
        String own = "00-11111111111111111111111111111111-2222222222222222-00";

        try (Scope ignored = TraceContext.restore(PARENT).makeCurrent()) {
            assertThat(TraceContext.stamp(event).traceparent()).isEqualTo(PARENT);
            PlatformEvent carrying = new PlatformEvent("e2", "/src", "T", null, Instant.EPOCH, Json.tree("{}"), own);
            assertThat(TraceContext.stamp(carrying).traceparent()).isEqualTo(own);
        }
    }

    @Test
    void should_carry_trace_through_queue_message_body() {
        ObjectNode message = (ObjectNode) Json.tree("{\"taskId\":\"t-1\"}");
        try (Scope ignored = TraceContext.restore(PARENT).makeCurrent()) {
            TraceContext.stamp(message);
        }

        String body = Json.write(message);

        assertThat(TraceContext.of(Json.tree(body))).contains(PARENT);
        assertThat(Json.tree(body).get("taskId").asText()).isEqualTo("t-1");
        assertThat(TraceContext.of(Json.tree("{\"traceparent\":\"junk\"}"))).isEmpty();
        assertThat(TraceContext.of(Json.tree("{}"))).isEmpty();
    }
}
