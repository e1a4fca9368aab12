package com.aiplatform.shared.usage;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.telemetry.TraceContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Map<String, String> GATEWAY = Map.of("X-AIPlatform-Consumer-Id", "alice",
            "x-aiplatform-tenant-id", "contoso", "x-aiplatform-roles", "admin, reader");

    @Test
    void should_continue_the_request_trace_when_its_traceparent_is_valid() {
        var headers = new HashMap<>(GATEWAY);
        headers.put("Traceparent", " " + PARENT + " ");

        CallContext context = CallContext.fromGateway(headers, "knowledge", "doc-1");

        assertThat(context.traceId()).isEqualTo(PARENT);
        assertThat(context.caller().consumerId()).isEqualTo("alice");
        assertThat(context.caller().tenant()).isEqualTo(TenantId.of("contoso"));
        assertThat(context.caller().roles()).isEqualTo(Set.of("admin", "reader"));
        assertThat(context.app()).isEqualTo("knowledge");
        assertThat(context.correlationId()).isEqualTo("doc-1");
    }

    @Test
    void should_start_a_new_w3c_trace_when_the_traceparent_is_missing_or_malformed() {
        var malformed = new HashMap<>(GATEWAY);
        malformed.put("traceparent", "not-a-traceparent");

        for (Map<String, String> headers : List.of(GATEWAY, malformed)) {
            String trace = CallContext.fromGateway(headers, "agent", "c-1").traceId();
            assertThat(TraceContext.parse(trace)).as(trace).isPresent();
            assertThat(trace).isNotEqualTo("not-a-traceparent").doesNotContain(PARENT);
        }
        assertThat(CallContext.fromGateway(GATEWAY, "agent", "c-1").traceId())
                .isNotEqualTo(CallContext.fromGateway(GATEWAY, "agent", "c-1").traceId());
    }

    @Test
    void should_refuse_with_401_when_the_gateway_named_no_caller() {
        assertThatThrownBy(() -> CallContext.fromGateway(Map.of("traceparent", PARENT), "agent", "c-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
