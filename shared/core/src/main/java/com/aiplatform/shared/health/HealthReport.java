package com.aiplatform.shared.health;

import java.time.Instant;
import java.util.Map;

/** {@code GET /api/v1/<app>/health}: overall status and one entry per dependency. */
public record HealthReport(String status, String app, Instant checkedAt, Map<String, Dependency> dependencies) {

    public boolean up() {
        return "up".equals(status);
    }

    public record Dependency(String status, String detail, long latencyMs) {
    }
}
