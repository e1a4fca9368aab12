package com.aiplatform.platform.api;

import com.aiplatform.platform.deadletters.DeadLetterService;
import com.aiplatform.shared.functions.HttpResponses;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Map;
import java.util.Optional;

/** Dead letters of every app's queues: list, inspect, replay (audited). Platform admins only. */
public final class DeadLetterFunctions {

    private final DeadLetterService deadLetters;

    public DeadLetterFunctions(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @FunctionName("platformListDeadLetterQueues")
    public HttpResponseMessage queues(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/deadletters",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                Map.of("queues", deadLetters.list(Calls.caller(request)))));
    }

    @FunctionName("platformInspectDeadLetters")
    public HttpResponseMessage inspect(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/deadletters/{queue}/messages",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("queue") String queue) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                Map.of("messages", deadLetters.inspect(Calls.caller(request), queue))));
    }

    @FunctionName("platformReplayDeadLetter")
    public HttpResponseMessage replay(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST},
                    route = "v1/platform/deadletters/{queue}/messages/{messageId}/replay",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("queue") String queue, @BindingName("messageId") String messageId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                deadLetters.replay(Calls.caller(request), queue, messageId)));
    }

    @FunctionName("platformReplayAudit")
    public HttpResponseMessage audit(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/deadletters/audit",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                Map.of("replays", deadLetters.audit(Calls.caller(request)))));
    }
}
