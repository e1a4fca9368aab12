package com.aiplatform.assistant.api;

import com.aiplatform.assistant.answers.AskRequest;
import com.aiplatform.assistant.answers.AskService;
import com.aiplatform.assistant.answers.PublishRequest;
import com.aiplatform.assistant.answers.PublishService;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** HTTP functions that use a file's extraction: grounded answers about it, and publishing it to knowledge. */
public final class AskFunctions {

    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final AskService answers;
    private final PublishService publisher;

    public AskFunctions(AskService answers, PublishService publisher) {
        this.answers = answers;
        this.publisher = publisher;
    }

    @FunctionName("assistantAskFile")
    public HttpResponseMessage ask(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/assistant/files/{fileId}/ask",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("fileId") String fileId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var question = RequestBodies.json(request, AskRequest.class, MAX_REQUEST_BYTES);
            return HttpResponses.ok(request, answers.ask(call, fileId, question));
        });
    }

    @FunctionName("assistantPublishFile")
    public HttpResponseMessage publish(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/assistant/files/{fileId}/publish",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("fileId") String fileId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            byte[] body = RequestBodies.bytes(request, MAX_REQUEST_BYTES);
            var publish = body.length == 0 ? PublishRequest.NONE
                    : RequestBodies.json(body, PublishRequest.class, MAX_REQUEST_BYTES);
            return HttpResponses.ok(request, publisher.publish(call, fileId, publish));
        });
    }
}
