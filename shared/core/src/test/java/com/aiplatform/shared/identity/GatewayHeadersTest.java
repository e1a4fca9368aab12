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
    void should_read_the_groups_and_give_the_caller_its_reader_principals() {
        Caller caller = GatewayHeaders.callerFrom(Map.of("x-aiplatform-consumer-id", "app-1",
                "x-aiplatform-tenant-id", "acme", "X-AiPlatform-Groups", "hr, managers,"));

        assertThat(caller.groups()).containsExactlyInAnyOrder("hr", "managers");
        assertThat(caller.principals()).containsExactlyInAnyOrder("tenant", "user:app-1", "group:hr", "group:managers");
        assertThat(caller.canRead(Readers.of(java.util.List.of("hr"), java.util.List.of()))).isTrue();
        assertThat(caller.canRead(Readers.of(java.util.List.of("finance"), java.util.List.of("app-2")))).isFalse();
        assertThat(caller.canRead(Readers.wholeTenant())).isTrue();
        assertThat(caller.canRead(Readers.NONE)).isFalse();
        assertThat(GatewayHeaders.callerFrom(GatewayHeaders.of(caller))).isEqualTo(caller);
    }

    @Test
    void should_refuse_readers_that_are_neither_tenant_wide_nor_name_anyone_with_400() {
        for (Runnable bad : java.util.List.<Runnable>of(
                () -> Readers.requested(null, null, null),
                () -> Readers.requested(false, java.util.List.of(), java.util.List.of()),
                () -> Readers.requested(true, java.util.List.of("hr"), null),
                () -> Readers.requested(null, java.util.List.of("a,b"), null))) {
            assertThatThrownBy(bad::run)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(Readers.fromPrincipals(Readers.requested(null, java.util.List.of("hr"), java.util.List.of("bob"))
                .principals())).isEqualTo(Readers.of(java.util.List.of("hr"), java.util.List.of("bob")));
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
