package com.aiplatform.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Health of the whole platform: the platform app's own storage, then every app's health endpoint
 * ({@code GET /api/v1/<app>/health} with its function key), called in parallel with a timeout.
 * {@code up} when everything configured is up; {@code degraded} when an app is down; {@code down} when
 * the platform's own storage is. An app with no base URL setting is listed as {@code unconfigured}.
 */
public final class PlatformHealth {

    public record AppStatus(String app, String status, Integer httpStatus, long latencyMs, String detail) {
    }

    public record Report(String status, Instant checkedAt, List<AppStatus> apps) {

        /** Without details (endpoints, table names, errors): what a caller who is not a platform admin sees. */
        public Report coarse() {
            return new Report(status, checkedAt, apps.stream()
                    .map(a -> new AppStatus(a.app(), a.status(), a.httpStatus(), a.latencyMs(), null)).toList());
        }
    }

    private final HttpClient http;
    private final List<AppEndpoint> endpoints;
    private final Supplier<String> ownStorage;
    private final Duration timeout;
    private final Clock clock;

    public PlatformHealth(HttpClient http, List<AppEndpoint> endpoints, Supplier<String> ownStorage, Duration timeout,
                          Clock clock) {
        this.http = http;
        this.endpoints = List.copyOf(endpoints);
        this.ownStorage = ownStorage;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Report check() {
        List<CompletableFuture<AppStatus>> checks = new ArrayList<>();
        for (AppEndpoint endpoint : endpoints) {
            checks.add(endpoint.baseUrl().isEmpty()
                    ? CompletableFuture.completedFuture(new AppStatus(endpoint.app(), "unconfigured", null, 0,
                            endpoint.app().toUpperCase(java.util.Locale.ROOT) + "_API_BASE_URL is not set"))
                    : probe(endpoint));
        }
        List<AppStatus> apps = new ArrayList<>();
        long start = System.nanoTime();
        String own;
        String status = "up";
        try {
            own = ownStorage.get();
            apps.add(new AppStatus("platform", "up", 200, (System.nanoTime() - start) / 1_000_000, own));
        } catch (RuntimeException e) {
            apps.add(new AppStatus("platform", "down", null, (System.nanoTime() - start) / 1_000_000, e.getMessage()));
            status = "down";
        }
        for (CompletableFuture<AppStatus> check : checks) {
            AppStatus app = check.join();
            apps.add(app);
            if ("down".equals(app.status()) && "up".equals(status)) {
                status = "degraded";
            }
        }
        return new Report(status, clock.instant(), apps);
    }

    private CompletableFuture<AppStatus> probe(AppEndpoint endpoint) {
        String base = endpoint.baseUrl().orElseThrow();
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/" + endpoint.app() + "/health");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (!endpoint.functionKey().isBlank()) {
            request.header("x-functions-key", endpoint.functionKey());
        }
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new AppStatus(endpoint.app(), r.statusCode() == 200 ? "up" : "down", r.statusCode(),
                        (System.nanoTime() - start) / 1_000_000, r.statusCode() == 200 ? uri.toString() : abbreviate(r.body())))
                .exceptionally(e -> new AppStatus(endpoint.app(), "down", null, (System.nanoTime() - start) / 1_000_000,
                        "unreachable: " + (e.getCause() != null ? e.getCause() : e)));
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300);
    }
}
