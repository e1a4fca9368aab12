package com.aiplatform.knowledge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every dependency check and reports each one's status; the app is up only if all are. */
public final class HealthService {

    private final List<HealthCheck> checks;
    private final Clock clock;

    public HealthService(List<HealthCheck> checks, Clock clock) {
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
                up = false;
                result = new HealthReport.Dependency("down", e.getClass().getSimpleName() + ": " + e.getMessage(),
                        millisSince(start));
            }
            results.put(check.name(), result);
        }
        return new HealthReport(up ? "up" : "down", "knowledge", clock.instant(), results);
    }

    private long millisSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }
}
