package com.aiplatform.llm.errors;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How this API's errors satisfy both the platform's rule (RFC 9457 {@code application/problem+json}) and the
 * OpenAI clients (which read {@code error.message}, {@code type}, {@code param} and {@code code} from the JSON
 * body whatever its content type): one body, the problem members plus an {@code error} extension member in
 * OpenAI's shape. {@code param} comes from the problem's {@code param} extension when a field was at fault.
 */
public final class OpenAiError {

    public static final String PARAM = "param";

    private OpenAiError() {
    }

    /** An invalid request naming the field at fault, as OpenAI reports it. */
    public static ProblemException invalid(String param, String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "The request is not valid", detail)
                .with(PARAM, param));
    }

    /** The problem with its {@code error} member added (kept when it has one). */
    public static ProblemException withErrorMember(ProblemException e) {
        Problem problem = e.problem();
        if (problem.extensions().containsKey("error")) {
            return e;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", problem.detail() == null ? problem.title() : problem.detail());
        error.put("type", type(problem.status()));
        error.put("param", problem.extensions().get(PARAM));
        error.put("code", code(problem));
        return new ProblemException(problem.with("error", error), e.retryAfter().orElse(null), e.headers(), e);
    }

    private static String type(int status) {
        return switch (status) {
            case 400, 404, 413, 415 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "insufficient_quota";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** The problem's slug ({@code urn:aiplatform:problem:budget-exceeded} gives {@code budget_exceeded}). */
    private static String code(Problem problem) {
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf(':') + 1).replace('-', '_');
    }
}
