package com.aiplatform.research.tasks;

import com.aiplatform.shared.identity.TenantId;

import java.util.Objects;
import java.util.regex.Pattern;

/** A task's identity: its tenant (the Table partition) and its id (the row). */
public record TaskKey(TenantId tenant, String id) {

    /** {@code rt-} and 32 lower-case hex digits: safe as a row key, a blob path and a URL segment. */
    public static final Pattern ID = Pattern.compile("rt-[0-9a-f]{32}");

    public TaskKey {
        Objects.requireNonNull(tenant, "tenant");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a task id: " + id);
        }
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    @Override
    public String toString() {
        return tenant.value() + "/" + id;
    }
}
