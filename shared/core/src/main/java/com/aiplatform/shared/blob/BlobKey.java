package com.aiplatform.shared.blob;

import com.aiplatform.shared.identity.TenantId;

import java.util.Objects;

/**
 * Where a blob lives. Every blob belongs to a tenant: its name in the container is
 * {@code <tenant>/<path>}, so no key can address another tenant's data.
 */
public record BlobKey(String container, TenantId tenant, String path) {

    public BlobKey {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(tenant, "tenant");
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("Blob path must be relative and non-empty: " + path);
        }
    }

    /** The blob's full name inside its container. */
    public String name() {
        return tenant.value() + "/" + path;
    }
}
