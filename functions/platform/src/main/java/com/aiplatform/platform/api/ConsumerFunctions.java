package com.aiplatform.platform.api;

import com.aiplatform.platform.consumers.ConsumerService;
import com.aiplatform.platform.consumers.IssuedKey;
import com.aiplatform.platform.consumers.NewConsumer;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Map;
import java.util.Optional;

/** Consumers and their subscription keys (admins; another tenant's only for platform admins). */
public final class ConsumerFunctions {

    private static final String BASE = "/api/v1/platform/consumers/";

    private final ConsumerService consumers;

    public ConsumerFunctions(ConsumerService consumers) {
        this.consumers = consumers;
    }

    @FunctionName("platformCreateConsumer")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/platform/consumers",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request) {
        return HttpResponses.handle(request, () -> {
            var body = RequestBodies.json(request, NewConsumer.class, Calls.MAX_REQUEST_BYTES);
            IssuedKey issued = consumers.create(Calls.caller(request), body);
            return HttpResponses.created(request, BASE + issued.consumer().consumerId(), issued);
        });
    }

    @FunctionName("platformListConsumers")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/consumers",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                Map.of("consumers", consumers.list(Calls.caller(request), Calls.query(request, "tenantId")))));
    }

    @FunctionName("platformGetConsumer")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/consumers/{consumerId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("consumerId") String consumerId) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                consumers.get(Calls.caller(request), Calls.query(request, "tenantId"), consumerId)));
    }

    @FunctionName("platformRotateKey")
    public HttpResponseMessage rotate(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/platform/consumers/{consumerId}/keys",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("consumerId") String consumerId) {
        return HttpResponses.handle(request, () -> {
            IssuedKey issued = consumers.rotate(Calls.caller(request), Calls.query(request, "tenantId"), consumerId);
            return HttpResponses.created(request, BASE + consumerId + "/keys/" + issued.keyId(), issued);
        });
    }

    /** For the gateway (APIM's policy, with the platform's function key): what a key stands for, or 404. */
    @FunctionName("platformResolveSubscription")
    public HttpResponseMessage resolve(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/platform/subscriptions/resolve",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request) {
        return HttpResponses.handle(request, () -> {
            var body = RequestBodies.json(request, KeyLookup.class, Calls.MAX_REQUEST_BYTES);
            return HttpResponses.ok(request, consumers.resolve(body.key())
                    .orElseThrow(() -> ProblemException.notFound("Subscription key", "(not shown)")));
        });
    }

    /** The body of a resolve request. */
    public record KeyLookup(String key) {
    }

    @FunctionName("platformRevokeKey")
    public HttpResponseMessage revoke(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE},
                    route = "v1/platform/consumers/{consumerId}/keys/{keyId}", authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("consumerId") String consumerId, @BindingName("keyId") String keyId) {
        return HttpResponses.handle(request, () -> {
            consumers.revoke(Calls.caller(request), Calls.query(request, "tenantId"), consumerId, keyId);
            return HttpResponses.noContent(request);
        });
    }
}
