package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentIdentityTest {

    @Test
    void should_replace_client_identity_with_local_developer_when_admitting() {
        Map<String, String> forwarded = new DevelopmentIdentity().admit("GET", "/api/x", Map.of(
                "x-aiplatform-tenant-id", "victim", "X-AIPLATFORM-ROLES", "root", "accept", "application/json"));

        Caller caller = GatewayHeaders.callerFrom(forwarded);
        assertThat(caller.consumerId()).isEqualTo("local-developer");
        assertThat(caller.tenant().value()).isEqualTo("local");
        assertThat(caller.roles()).containsExactly("admin");
        assertThat(forwarded).doesNotContainKey("X-AIPLATFORM-ROLES").containsEntry("accept", "application/json")
                .doesNotContainValue("victim");
    }
}
