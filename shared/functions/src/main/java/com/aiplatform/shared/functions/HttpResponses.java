package com.aiplatform.shared.functions;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one place where HTTP functions turn results into JSON responses and exceptions into RFC 9457
 * problem responses. Nothing but a {@link ProblemException} reaches a client in detail; anything
 * else is logged with an id and answered with a 500 that carries only that id.
 */
public final class HttpResponses {

    private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);

    private HttpResponses() {
    }

    /** Runs a handler and maps what it throws. */
    public static HttpResponseMessage handle(HttpRequestMessage<?> request, Supplier<HttpResponseMessage> handler) {
        try {
            return handler.get();
        } catch (ProblemException e) {
            return problem(request, e);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("Unhandled error {} on {} {}", errorId, request.getHttpMethod(), request.getUri(), e);
            return problem(request, new ProblemException(Problem.of(500, "internal", "Internal error",
                    "The request failed unexpectedly; quote error id " + errorId).with("errorId", errorId)));
        }
    }

    public static HttpResponseMessage json(HttpRequestMessage<?> request, int status, Object body) {
        return json(request, status, body, Map.of());
    }

    /** A JSON answer with headers of its own (a token count, a cache status). */
    public static HttpResponseMessage json(HttpRequestMessage<?> request, int status, Object body,
                                           Map<String, String> headers) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(status))
                .header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return builder.body(Json.write(body)).build();
    }

    /**
     * {@code 202 Accepted} for work that goes on after the answer: where its status is ({@code location}; null when
     * the body lists several, each with its own) and, when given, how long to wait before looking.
     */
    public static HttpResponseMessage accepted(HttpRequestMessage<?> request, String location,
                                               Optional<Duration> retryAfter, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (location != null) {
            headers.put("Location", location);
        }
        retryAfter.ifPresent(wait -> headers.put("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        return json(request, 202, body, headers);
    }

    public static HttpResponseMessage ok(HttpRequestMessage<?> request, Object body) {
        return json(request, 200, body);
    }

    public static HttpResponseMessage created(HttpRequestMessage<?> request, String location, Object body) {
        return request.createResponseBuilder(HttpStatusType.custom(201))
                .header("Content-Type", "application/json")
                .header("Location", location)
                .body(Json.write(body))
                .build();
    }

    /** A body that is not JSON (a stored file, say) with its own media type. */
    public static HttpResponseMessage content(HttpRequestMessage<?> request, String contentType, byte[] body) {
        return request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", contentType == null ? "application/octet-stream" : contentType)
                .body(body)
                .build();
    }

    /**
     * A whole server-sent event stream as one body: Java functions cannot stream a response
     * (azure-functions-java-worker #346), and SSE clients read such a body as a stream all the same.
     */
    public static HttpResponseMessage eventStream(HttpRequestMessage<?> request, String events,
                                                  Map<String, String> headers) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", "text/event-stream")
                .header("Cache-Control", "no-cache");
        headers.forEach(builder::header);
        return builder.body(events).build();
    }

    public static HttpResponseMessage noContent(HttpRequestMessage<?> request) {
        return request.createResponseBuilder(HttpStatusType.custom(204)).build();
    }

    public static HttpResponseMessage problem(HttpRequestMessage<?> request, ProblemException e) {
        Problem problem = e.problem().instance() == null
                ? e.problem().withInstance(request.getUri() == null ? null : request.getUri().getPath())
                : e.problem();
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(problem.status()))
                .header("Content-Type", Problem.MEDIA_TYPE)
                .body(Json.write(problem.toBody()));
        e.retryAfter().ifPresent(d -> builder.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
