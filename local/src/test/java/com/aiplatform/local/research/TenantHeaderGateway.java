package com.aiplatform.local.research;

import com.aiplatform.local.gateway.DevelopmentIdentity;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.shared.identity.GatewayHeaders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test gateway that admits a request as the tenant named in {@code x-test-tenant} (default: the
 * development tenant), after dropping any identity header the client sent, as the real gateway does.
 */
final class TenantHeaderGateway implements Gateway {

    static final String TEST_TENANT = "x-test-tenant";

    private final DevelopmentIdentity development = new DevelopmentIdentity();

    @Override
    public Map<String, String> admit(String method, String path, Map<String, String> headers) {
        String tenant = null;
        for (var header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(TEST_TENANT)) {
                tenant = header.getValue();
            }
        }
        Map<String, String> admitted = new LinkedHashMap<>(development.admit(method, path, headers));
        if (tenant != null) {
            admitted.put(GatewayHeaders.TENANT_ID, tenant);
            admitted.put(GatewayHeaders.CONSUMER_ID, "consumer-" + tenant);
        }
        return admitted;
    }
}
