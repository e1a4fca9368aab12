package com.aiplatform.shared.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every dependency check of one app and reports each one's status; the app is up only if every required
 * check is (an optional one that fails is {@code unavailable}).
 * Each app's {@code /health} route serves this report ({@code HealthResponses} in shared/functions), and the
 * platform app aggregates those routes.
 */
public final class HealthService {

    private final String app;
    private final List<HealthCheck> checks;
    private final Clock clock;

    public HealthService(String app, List<HealthCheck> checks, Clock clock) {
        this.app = app;
        this.checks = List.copyOf(checks);
        this.clock = clock;
    }

    public HealthReport check() {
        Map<String, HealthReport.Dependency> results = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            Instant start = clock.instant();
            HealthReport.Dependency result;
            try {
                String detail = check.probe().run();
                result = new HealthReport.Dependency("up", detail, millisSince(start));
            } catch (RuntimeException e) {
                up &= !check.required();
                result = new HealthReport.Dependency(check.required() ? "down" : "unavailable",
                        e.getClass().getSimpleName() + ": " + e.getMessage(), millisSince(start));
            }
            results.put(check.name(), result);
        }
        return new HealthReport(up ? "up" : "down", app, clock.instant(), results);
    }

    private long millisSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }
}
