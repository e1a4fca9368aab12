package com.aiplatform.shared.identity;

import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayHeadersTest {

    @Test
    void should_read_caller_whatever_the_header_case() {
        Caller caller = GatewayHeaders.callerFrom(Map.of("X-AiPlatform-Consumer-Id", "app-1",
                "x-aiplatform-tenant-id", "acme", "X-AIPLATFORM-ROLES", "reader, admin ,"));
        assertThat(caller.consumerId()).isEqualTo("app-1");
        assertThat(caller.tenant()).isEqualTo(TenantId.of("acme"));
        assertThat(caller.roles()).containsExactlyInAnyOrder("reader", "admin");
    }

    @Test
    void should_refuse_with_401_when_identity_is_missing_or_tenant_is_unsafe() {
        assertThatThrownBy(() -> GatewayHeaders.callerFrom(Map.of("x-aiplatform-tenant-id", "acme")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> GatewayHeaders.callerFrom(Map.of("x-aiplatform-consumer-id", "c",
                "x-aiplatform-tenant-id", "../other")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> TenantId.of("")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> TenantId.of("UPPER")).isInstanceOf(ProblemException.class);
    }
}
