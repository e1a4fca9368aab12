package com.aiplatform.shared.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An error that the caller caused or can act on, carrying the problem response that reports it.
 * Services throw these; the one HTTP edge ({@code HttpResponses}) turns them into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, null, null);
    }

    public ProblemException(Problem problem, Duration retryAfter, Throwable cause) {
        this(problem, retryAfter, Map.of(), cause);
    }

    /** With response headers beyond {@code Retry-After} that the caller can act on (a remaining budget, ...). */
    public ProblemException(Problem problem, Duration retryAfter, Map<String, String> headers, Throwable cause) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), cause);
        this.problem = problem;
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Extra response headers; the HTTP edge writes them beside Content-Type and Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "The request is not valid", detail));
    }

    public static ProblemException validation(String detail, java.util.List<String> errors) {
        return new ProblemException(Problem.of(400, "validation", "The request is not valid", detail)
                .with("errors", errors));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Authentication is required", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "The caller may not do this", detail));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found",
                what + " '" + id + "' does not exist"));
    }

    public static ProblemException methodNotAllowed(String method) {
        return new ProblemException(Problem.of(405, "method-not-allowed", "Method not allowed",
                "This route does not accept " + method));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "The request conflicts with the current state", detail));
    }

    public static ProblemException payloadTooLarge(long maxBytes) {
        return new ProblemException(Problem.of(413, "payload-too-large", "The request body is too large",
                "The body may hold at most " + maxBytes + " bytes").with("maxBytes", maxBytes));
    }

    public static ProblemException unsupportedMediaType(String contentType, java.util.Collection<String> supported) {
        return new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Content type '" + contentType + "' is not supported").with("supported", java.util.List.copyOf(supported)));
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(429, "too-many-requests", "Too many requests", detail), retryAfter, null);
    }

    public static ProblemException unavailable(String detail, Throwable cause) {
        return new ProblemException(Problem.of(503, "dependency-unavailable", "A dependency is unavailable", detail),
                Duration.ofSeconds(5), cause);
    }
}
