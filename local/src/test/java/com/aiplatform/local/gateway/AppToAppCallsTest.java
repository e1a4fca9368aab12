package com.aiplatform.local.gateway;

import com.aiplatform.local.sample.FixedIdentity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppToAppCallsTest {

    private final AppToAppCalls gateway = new AppToAppCalls("sibling-key", new FixedIdentity());

    @Test
    void should_keep_the_forwarded_identity_and_drop_the_key_when_the_key_is_right() {
        var admitted = gateway.admit("POST", "/api/v1/knowledge/search", Map.of("X-Functions-Key", "sibling-key",
                "x-aiplatform-tenant-id", "tenant-a", "x-aiplatform-consumer-id", "alice")).forward();
        assertThat(admitted).containsEntry("x-aiplatform-tenant-id", "tenant-a")
                .containsEntry("x-aiplatform-consumer-id", "alice")
                .doesNotContainKey("X-Functions-Key");
    }

    @Test
    void should_replace_the_identity_through_the_client_gateway_when_the_key_is_wrong() {
        var admitted = gateway.admit("POST", "/api/v1/knowledge/search", Map.of("x-functions-key", "guess",
                "x-aiplatform-tenant-id", "tenant-a", "x-aiplatform-consumer-id", "alice")).forward();
        assertThat(admitted).containsEntry("x-aiplatform-tenant-id", FixedIdentity.TENANT)
                .containsEntry("x-aiplatform-consumer-id", FixedIdentity.CONSUMER)
                .doesNotContainKey("x-functions-key");
    }
}
