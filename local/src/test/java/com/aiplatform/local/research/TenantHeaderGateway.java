package com.aiplatform.local.research;

import com.aiplatform.local.gateway.Admission;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.shared.identity.GatewayHeaders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A test gateway that admits a request as the tenant named in {@code x-test-tenant} (default: tenant
 * {@code local}), after dropping any identity header the client sent, as the real gateway does.
 */
final class TenantHeaderGateway implements Gateway {

    static final String TEST_TENANT = "x-test-tenant";

    @Override
    public Admission admit(String method, String path, Map<String, String> headers) {
        String tenant = "local";
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (var header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(TEST_TENANT)) {
                tenant = header.getValue();
            } else if (!GatewayHeaders.ALL.contains(name)) {
                forwarded.put(header.getKey(), header.getValue());
            }
        }
        forwarded.put(GatewayHeaders.TENANT_ID, tenant);
        forwarded.put(GatewayHeaders.CONSUMER_ID, "consumer-" + tenant);
        forwarded.put(GatewayHeaders.ROLES, "admin");
        return Admission.forward(forwarded);
    }
}
