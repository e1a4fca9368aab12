package com.aiplatform.agent.api;

import com.aiplatform.agent.conversation.ConversationService;
import com.aiplatform.agent.conversation.MessageRequest;
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

/** HTTP functions for conversations with the support agent. */
public final class ConversationFunctions {

    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final ConversationService conversations;

    public ConversationFunctions(ConversationService conversations) {
        this.conversations = conversations;
    }

    @FunctionName("agentCreateConversation")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/agent/conversations",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var created = conversations.create(call);
            return HttpResponses.created(request, "/api/v1/agent/conversations/" + created.conversationId(), created);
        });
    }

    @FunctionName("agentSendMessage")
    public HttpResponseMessage send(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST},
                    route = "v1/agent/conversations/{conversationId}/messages",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("conversationId") String conversationId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var message = RequestBodies.json(request, MessageRequest.class, MAX_REQUEST_BYTES);
            return HttpResponses.ok(request, conversations.send(call, conversationId, message));
        });
    }

    @FunctionName("agentGetConversation")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/agent/conversations/{conversationId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("conversationId") String conversationId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            return HttpResponses.ok(request, conversations.get(call, conversationId));
        });
    }

    @FunctionName("agentDeleteConversation")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE},
                    route = "v1/agent/conversations/{conversationId}", authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("conversationId") String conversationId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            conversations.delete(call, conversationId);
            return HttpResponses.noContent(request);
        });
    }
}
