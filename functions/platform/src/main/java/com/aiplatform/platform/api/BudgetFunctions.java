package com.aiplatform.platform.api;

import com.aiplatform.platform.budget.BudgetLimit;
import com.aiplatform.platform.budget.BudgetService;
import com.aiplatform.platform.budget.ReservationRequest;
import com.aiplatform.platform.budget.ReservationResult;
import com.aiplatform.platform.budget.SettleRequest;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Map;
import java.util.Optional;

/**
 * Budgets (set and read by admins) and reservations (made by apps before model calls, with the
 * caller's identity forwarded; the gateway definition keeps these routes internal, off the client API).
 */
public final class BudgetFunctions {

    private final BudgetService budgets;

    public BudgetFunctions(BudgetService budgets) {
        this.budgets = budgets;
    }

    @FunctionName("platformSetBudget")
    public HttpResponseMessage set(
            @HttpTrigger(name = "request", methods = {HttpMethod.PUT}, route = "v1/platform/budgets/{scope}/{subjectId}",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("scope") String scope, @BindingName("subjectId") String subjectId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request, budgets.set(Calls.caller(request),
                Calls.query(request, "tenantId"), scope, subjectId,
                RequestBodies.json(request, BudgetLimit.class, Calls.MAX_REQUEST_BYTES))));
    }

    @FunctionName("platformGetBudget")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/budgets/{scope}/{subjectId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("scope") String scope, @BindingName("subjectId") String subjectId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                budgets.get(Calls.caller(request), Calls.query(request, "tenantId"), scope, subjectId)));
    }

    @FunctionName("platformReserveBudget")
    public HttpResponseMessage reserve(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/platform/budget/reservations",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request) {
        return HttpResponses.handle(request, () -> {
            ReservationResult result = budgets.reserve(Calls.caller(request),
                    RequestBodies.json(request, ReservationRequest.class, Calls.MAX_REQUEST_BYTES));
            return withRemaining(request, 201, result);
        });
    }

    @FunctionName("platformSettleBudget")
    public HttpResponseMessage settle(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST},
                    route = "v1/platform/budget/reservations/{reservationId}/settle",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("reservationId") String reservationId) {
        return HttpResponses.handle(request, () -> withRemaining(request, 200, budgets.settle(Calls.caller(request),
                reservationId, RequestBodies.json(request, SettleRequest.class, Calls.MAX_REQUEST_BYTES))));
    }

    private static HttpResponseMessage withRemaining(HttpRequestMessage<?> request, int status, ReservationResult result) {
        return HttpResponses.json(request, status, result, result.remainingUsd() == null ? Map.of()
                : Map.of(BudgetExceededException.REMAINING_HEADER, result.remainingUsd().toPlainString()));
    }
}
