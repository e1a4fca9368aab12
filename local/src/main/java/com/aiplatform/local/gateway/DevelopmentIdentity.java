package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.GatewayHeaders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The development gateway: every request is the local developer, an admin of tenant {@code local}.
 * Identity headers a client sent are dropped first, exactly as the real gateway does, so code that
 * works here cannot come to rely on a client-supplied identity. The real gateway replaces this class.
 */
public final class DevelopmentIdentity implements Gateway {

    public static final String CONSUMER = "local-developer";
    public static final String TENANT = "local";
    public static final String ROLES = "admin";

    @Override
    public Map<String, String> admit(String method, String path, Map<String, String> headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!GatewayHeaders.ALL.contains(name.toLowerCase(Locale.ROOT))) {
                forwarded.put(name, value);
            }
        });
        forwarded.put(GatewayHeaders.CONSUMER_ID, CONSUMER);
        forwarded.put(GatewayHeaders.TENANT_ID, TENANT);
        forwarded.put(GatewayHeaders.ROLES, ROLES);
        return forwarded;
    }
}
