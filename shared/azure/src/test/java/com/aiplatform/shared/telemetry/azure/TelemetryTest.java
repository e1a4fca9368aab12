package com.aiplatform.shared.telemetry.azure;

import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.telemetry.TraceContext;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryTest {

    @Test
    void should_stay_no_op_when_connection_string_is_absent() {
        try (Telemetry telemetry = Telemetry.configure(Settings.of(Map.of("OTEL_SERVICE_NAME", "knowledge")))) {
            Span span = telemetry.openTelemetry().getTracer("test").spanBuilder("work").startSpan();

            assertThat(telemetry.exporting()).isFalse();
            assertThat(telemetry.openTelemetry()).isSameAs(OpenTelemetry.noop());
            assertThat(span.isRecording()).isFalse();
            assertThat(span.getSpanContext().isValid()).isFalse();
        }
    }

    @Test
    void should_export_spans_to_ingestion_endpoint_when_connection_string_is_set() throws IOException {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        HttpServer ingestion = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ingestion.createContext("/", exchange -> {
            received.add(body(exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Encoding")));
            byte[] answer = "{\"itemsReceived\":1,\"itemsAccepted\":1,\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ingestion.start();
        // Ingestion and live metrics both point at the local server: nothing leaves the machine.
        String local = "http://127.0.0.1:" + ingestion.getAddress().getPort() + "/";
        String connectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint="
                + local + ";LiveEndpoint=" + local;
        String traceId;
        try (Telemetry telemetry = Telemetry.configure(Settings.of(Map.of(
                Telemetry.CONNECTION_STRING, connectionString, "OTEL_SERVICE_NAME", "knowledge")))) {
            Span span = telemetry.openTelemetry().getTracer("test").spanBuilder("ingest-document").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                assertThat(telemetry.exporting()).isTrue();
                assertThat(span.isRecording()).isTrue();
                traceId = span.getSpanContext().getTraceId();
                assertThat(TraceContext.current()).hasValueSatisfying(tp -> assertThat(tp).contains(traceId));
            } finally {
                span.end();
            }
        } finally {
            ingestion.stop(0);
        }
        assertThat(String.join("\n", received)).contains("ingest-document").contains(traceId);
    }

    private static String body(InputStream in, String encoding) throws IOException {
        byte[] raw = in.readAllBytes();
        if ("gzip".equalsIgnoreCase(encoding)) {
            try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(raw, StandardCharsets.UTF_8);
    }
}
