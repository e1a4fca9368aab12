package com.aiplatform.platform.access;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;

/**
 * Who may manage what: {@value #ADMIN} manages its own tenant; {@value #PLATFORM_ADMIN} manages every
 * tenant and the platform itself (dead letters). Roles come only from the gateway's headers.
 */
public final class Access {

    public static final String ADMIN = Caller.ADMIN;
    public static final String PLATFORM_ADMIN = Caller.PLATFORM_ADMIN;

    private Access() {
    }

    /** The tenant an admin acts on: its own, or any other for a platform admin (403 otherwise). */
    public static TenantId tenantFor(Caller caller, String requestedTenant) {
        requireAdmin(caller);
        if (requestedTenant == null || requestedTenant.isBlank() || requestedTenant.equals(caller.tenant().value())) {
            return caller.tenant();
        }
        if (!caller.hasRole(PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("Only a platform admin may act on another tenant");
        }
        if (!TenantId.valid(requestedTenant)) {
            throw ProblemException.validation("The tenant id is not valid",
                    java.util.List.of("tenantId must be 1-63 lower-case letters, digits or hyphens"));
        }
        return TenantId.of(requestedTenant);
    }

    /**
     * The tenant of a named resource an admin reads or changes: as {@link #tenantFor}, except that a caller who
     * may not see another tenant gets the same 404 as for a resource that does not exist, which tells nothing
     * about what that tenant holds.
     */
    public static TenantId tenantOwning(Caller caller, String requestedTenant, String resource, String id) {
        requireAdmin(caller);
        if (requestedTenant != null && !requestedTenant.isBlank() && !requestedTenant.equals(caller.tenant().value())
                && !caller.hasRole(PLATFORM_ADMIN)) {
            throw ProblemException.notFound(resource, id);
        }
        return tenantFor(caller, requestedTenant);
    }

    public static void requireAdmin(Caller caller) {
        if (!caller.hasRole(ADMIN) && !caller.hasRole(PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("This needs the '" + ADMIN + "' role");
        }
    }

    public static void requirePlatformAdmin(Caller caller) {
        if (!caller.hasRole(PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("This needs the '" + PLATFORM_ADMIN + "' role");
        }
    }
}
