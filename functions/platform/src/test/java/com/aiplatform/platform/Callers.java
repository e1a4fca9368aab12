package com.aiplatform.platform;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;

import java.util.Set;

/** Callers for tests: an admin of a tenant, a platform admin, a plain consumer. */
public final class Callers {

    private Callers() {
    }

    public static Caller admin(String tenant) {
        return new Caller("admin-" + tenant, TenantId.of(tenant), Set.of("admin"));
    }

    public static Caller platformAdmin() {
        return new Caller("operator", TenantId.of("ops"), Set.of("platform-admin"));
    }

    public static Caller consumer(String consumerId, String tenant) {
        return new Caller(consumerId, TenantId.of(tenant), Set.of());
    }
}
