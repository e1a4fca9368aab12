package com.aiplatform.shared.functions;

import com.aiplatform.shared.health.HealthReport;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;

/** The {@code /health} route of every app: a {@link HealthService} report as an HTTP answer. */
public final class HealthResponses {

    private HealthResponses() {
    }

    /**
     * The report, 200 when the app is up and 503 when it is not. Any key holder may ask, so details go only to a
     * platform admin; a caller without identity (the platform's aggregate probe, a load balancer) gets statuses only.
     */
    public static HttpResponseMessage respond(HealthService health, HttpRequestMessage<?> request) {
        return HttpResponses.handle(request, () -> {
            HealthReport report = health.check();
            boolean details = GatewayHeaders.callerIfPresent(request.getHeaders())
                    .filter(caller -> caller.hasRole(Caller.PLATFORM_ADMIN)).isPresent();
            return HttpResponses.json(request, report.up() ? 200 : 503, details ? report : report.coarse());
        });
    }
}
