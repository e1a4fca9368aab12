package com.aiplatform.local.sample;

import com.aiplatform.local.gateway.Admission;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.shared.identity.GatewayHeaders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A test gateway for the sample app, whose routes are not in the gateway definition: every request is
 * consumer {@value #CONSUMER} of tenant {@value #TENANT}, and client-sent identity headers are dropped.
 */
public final class FixedIdentity implements Gateway {

    public static final String CONSUMER = "sample-consumer";
    public static final String TENANT = "sample";

    @Override
    public Admission admit(String method, String path, Map<String, String> headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!GatewayHeaders.ALL.contains(name.toLowerCase(Locale.ROOT))) {
                forwarded.put(name, value);
            }
        });
        forwarded.put(GatewayHeaders.CONSUMER_ID, CONSUMER);
        forwarded.put(GatewayHeaders.TENANT_ID, TENANT);
        forwarded.put(GatewayHeaders.ROLES, "admin");
        return Admission.forward(forwarded);
    }
}
