package com.aiplatform.bench.eval;

import com.aiplatform.shared.settings.Settings;

/**
 * The app benchmarks call the apps as a sibling app does: with the platform's app-to-app key and the
 * development consumer's identity (tenant {@code local}). So they measure the apps, not the development
 * product's rate limit; {@code bench-gateway} measures the gateway.
 */
final class BenchIdentity {

    private BenchIdentity() {
    }

    /** Header names and values, for {@link java.net.http.HttpRequest.Builder#headers(String...)}. */
    static String[] headers(Settings settings) {
        return headers(settings, "local-developer", "local");
    }

    /** The same for another caller, e.g. the tenant an in-process ingest wrote to. */
    static String[] headers(Settings settings, String consumer, String tenant) {
        return new String[] {
            "x-functions-key", settings.get("KNOWLEDGE_API_KEY").orElseThrow(
                    () -> new IllegalStateException("The local platform set no app-to-app key")),
            "x-aiplatform-consumer-id", consumer,
            "x-aiplatform-tenant-id", tenant,
            "x-aiplatform-roles", "admin"
        };
    }
}
