package com.aiplatform.shared.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/<app>/health}: overall status and one entry per dependency. Details (a dependency's
 * path, name or error) are for platform admins only; everyone else gets the {@link #coarse()} report.
 */
public record HealthReport(String status, String app, Instant checkedAt, Map<String, Dependency> dependencies) {

    public boolean up() {
        return "up".equals(status);
    }

    /** The report without details (paths, table and queue names, endpoints, errors): only statuses and latencies. */
    public HealthReport coarse() {
        Map<String, Dependency> statuses = new LinkedHashMap<>();
        dependencies.forEach((name, d) -> statuses.put(name, new Dependency(d.status(), null, d.latencyMs())));
        return new HealthReport(status, app, checkedAt, statuses);
    }

    public record Dependency(String status, String detail, long latencyMs) {
    }
}
