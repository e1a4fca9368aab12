package com.aiplatform.platform.api;

import com.aiplatform.platform.deadletters.EventDeadLetterService;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Event Grid dead letters (blobs in the dead-letter container): list, inspect, replay (audited). Platform admins only. */
public final class EventDeadLetterFunctions {

    private static final int DEFAULT_PAGE = 20;

    private final EventDeadLetterService deadLetters;

    public EventDeadLetterFunctions(EventDeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @FunctionName("platformListEventDeadLetters")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/eventdeadletters",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request, deadLetters.list(Calls.caller(request),
                Optional.ofNullable(Calls.query(request, "subscription")), limit(Calls.query(request, "limit")),
                Optional.ofNullable(Calls.query(request, "continuation")))));
    }

    @FunctionName("platformInspectEventDeadLetter")
    public HttpResponseMessage inspect(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/eventdeadletters/{deadLetterId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("deadLetterId") String deadLetterId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                deadLetters.inspect(Calls.caller(request), deadLetterId)));
    }

    @FunctionName("platformReplayEventDeadLetter")
    public HttpResponseMessage replay(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST},
                    route = "v1/platform/eventdeadletters/{deadLetterId}/replay", authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("deadLetterId") String deadLetterId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                deadLetters.replay(Calls.caller(request), deadLetterId)));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number 1-" + EventDeadLetterService.MAX_PAGE);
        }
    }
}
