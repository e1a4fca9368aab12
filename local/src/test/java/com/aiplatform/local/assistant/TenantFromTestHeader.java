package com.aiplatform.local.assistant;

import com.aiplatform.local.gateway.Admission;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.shared.identity.GatewayHeaders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A test gateway that lets a test act as two tenants: {@code x-test-tenant} picks the tenant (default
 * {@code local}). Like the real one, it drops every identity header a client sent.
 */
final class TenantFromTestHeader implements Gateway {

    static final String HEADER = "x-test-tenant";

    @Override
    public Admission admit(String method, String path, Map<String, String> headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        String tenant = "local";
        for (var header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(HEADER)) {
                tenant = header.getValue();
            } else if (!GatewayHeaders.ALL.contains(name)) {
                forwarded.put(header.getKey(), header.getValue());
            }
        }
        forwarded.put(GatewayHeaders.CONSUMER_ID, "tester");
        forwarded.put(GatewayHeaders.TENANT_ID, tenant);
        forwarded.put(GatewayHeaders.ROLES, "admin");
        return Admission.forward(forwarded);
    }
}
