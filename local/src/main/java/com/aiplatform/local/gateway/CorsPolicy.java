package com.aiplatform.local.gateway;

import com.aiplatform.shared.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** CORS from the definition, as APIM's {@code cors} policy applies it: preflights answered by the gateway. */
final class CorsPolicy {

    private final GatewayDefinition.Cors cors;

    CorsPolicy(GatewayDefinition.Cors cors) {
        this.cors = cors;
    }

    /** The response headers for a request from {@code origin} (none for no origin or one not allowed). */
    Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (allowed(origin)) {
            headers.put("access-control-allow-origin", origin);
            headers.put("vary", "Origin");
            headers.put("access-control-expose-headers", String.join(", ", cors.exposedHeaders()));
        }
        return headers;
    }

    /** The answer to a preflight, or empty when the request is not one. */
    Optional<Admission> preflight(String method, Map<String, String> headers) {
        String origin = headers.get("origin");
        String requested = headers.get("access-control-request-method");
        if (!"OPTIONS".equalsIgnoreCase(method) || origin == null || requested == null) {
            return Optional.empty();
        }
        if (!allowed(origin) || cors.allowedMethods().stream().noneMatch(m -> m.equalsIgnoreCase(requested))) {
            throw ProblemException.forbidden("Cross-origin requests from " + origin + " with " + requested
                    + " are not allowed");
        }
        Map<String, String> answer = responseHeaders(origin);
        answer.put("access-control-allow-methods", String.join(", ", cors.allowedMethods()));
        answer.put("access-control-allow-headers", String.join(", ", cors.allowedHeaders()));
        answer.put("access-control-max-age", Integer.toString(cors.maxAgeSeconds()));
        return Optional.of(Admission.answer(204, answer));
    }

    private boolean allowed(String origin) {
        return origin != null && (cors.allowedOrigins().contains("*") || cors.allowedOrigins().contains(origin));
    }
}
