package com.aiplatform.shared.budget.http;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.http.LazyHttpClient;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.telemetry.TraceContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The platform app's budget API as a {@link Budget}: the call goes straight to the platform function
 * app with its function key and the caller's gateway identity. Reservations fail closed (503 when the
 * platform cannot be reached: money is not spent unaccounted); a failed settlement is logged and leaves
 * the reservation held, which errs on the side of the budget. A 402 is a {@link BudgetExceededException} with what
 * is left; another 4xx (an id or amount the API refuses) comes back as a problem with its status.
 */
public final class HttpBudget implements Budget {

    private static final Logger LOG = LoggerFactory.getLogger(HttpBudget.class);
    private static final String RESERVATIONS = "api/v1/platform/budget/reservations";

    private final HttpClient http;
    private final URI baseUri;
    private final String functionKey;
    private final Duration timeout;

    public HttpBudget(HttpClient http, URI baseUri, String functionKey, Duration timeout) {
        this.http = http;
        this.baseUri = URI.create(baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/");
        this.functionKey = functionKey;
        this.timeout = timeout;
    }

    public static HttpBudget create(PlatformApiSettings settings) {
        return new HttpBudget(LazyHttpClient.withConnectTimeout(settings.timeout()),
                URI.create(settings.baseUrl().orElseThrow()), settings.functionKey(), settings.timeout());
    }

    @Override
    public Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
        HttpResponse<String> response = post(caller, RESERVATIONS,
                Map.of("reservationId", reservationId, "estimatedUsd", estimatedUsd));
        JsonNode body = parse(response);
        int status = response.statusCode();
        if (status == 402) {
            JsonNode remaining = body.path("remainingUsd");
            throw new BudgetExceededException(body.path("scope").asText("consumer"), remaining.isNumber()
                    ? remaining.decimalValue() : new BigDecimal(response.headers()
                            .firstValue(BudgetExceededException.REMAINING_HEADER).orElse("0")), estimatedUsd);
        }
        // A refused id or amount is this call's own fault: the caller's error, not retried. Anything else (a wrong
        // key, a route not found at the base URL, 5xx) means the budget cannot be checked now: unavailable.
        if (status == 400 || status == 409 || status == 413 || status == 422) {
            throw new ProblemException(Problem.of(status, "budget-refused", "The platform's budget API refused the call",
                    detail(body, response.body())));
        }
        if (status != 200 && status != 201) {
            throw ProblemException.unavailable("The platform's budget API answered " + status
                    + ": " + body.path("detail").asText(""), null);
        }
        JsonNode remaining = body.path("remainingUsd");
        return new Reservation(body.path("reservationId").asText(reservationId), body.path("reservedUsd").decimalValue(),
                remaining.isNumber() ? Optional.of(remaining.decimalValue()) : Optional.empty());
    }

    @Override
    public void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
        try {
            HttpResponse<String> response = post(caller, RESERVATIONS + "/" + reservation.id() + "/settle",
                    Map.of("actualUsd", actualUsd));
            if (response.statusCode() >= 300) {
                LOG.warn("Settling reservation {} at {} USD answered {}: {}", reservation.id(), actualUsd,
                        response.statusCode(), response.body());
            }
        } catch (ProblemException e) {
            LOG.warn("Settling reservation {} at {} USD failed; it stays reserved: {}", reservation.id(), actualUsd,
                    e.getMessage());
        }
    }

    private HttpResponse<String> post(Caller caller, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        GatewayHeaders.of(caller).forEach(request::header);
        if (!functionKey.isBlank()) {
            request.header("x-functions-key", functionKey);
        }
        TraceContext.current().ifPresent(traceparent -> request.header("traceparent", traceparent));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("The platform's budget API at " + baseUri + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while calling the platform's budget API", e);
        }
    }

    /** The problem's detail and each of its validation errors, so the caller's log says what to fix. */
    private static String detail(JsonNode problem, String raw) {
        StringBuilder detail = new StringBuilder(problem.path("detail").asText(raw));
        problem.path("errors").forEach(error -> detail.append("; ").append(error.asText()));
        return detail.toString();
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return Json.tree(response.body());
        } catch (IllegalArgumentException notJson) {
            return Json.mapper().createObjectNode();
        }
    }
}
