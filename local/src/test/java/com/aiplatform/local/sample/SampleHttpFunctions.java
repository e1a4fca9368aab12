package com.aiplatform.local.sample;

import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class SampleHttpFunctions {

    @FunctionName("getThing")
    public HttpResponseMessage getThing(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "things/{id}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, ExecutionContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("query", request.getQueryParameters());
        body.put("traceparent", context.getTraceContext().getTraceparent());
        body.put("function", context.getFunctionName());
        body.put("requestId", request.getHeaders().get("x-request-id"));
        body.put("custom", request.getHeaders().get("x-custom"));
        return HttpResponses.ok(request, body);
    }

    @FunctionName("newThingForm")
    public HttpResponseMessage newThingForm(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "things/new",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatus.OK).body("form").build();
    }

    @FunctionName("createThing")
    public HttpResponseMessage createThing(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "things",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatus.CREATED)
                .header("Location", "/api/things/1")
                .header("Content-Type", "application/json")
                .body(request.getBody().orElse("{}"))
                .build();
    }

    @FunctionName("deleteThing")
    public HttpResponseMessage deleteThing(
            @HttpTrigger(name = "req", methods = {HttpMethod.DELETE}, route = "things/{id:int}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") int id) {
        return request.createResponseBuilder(HttpStatus.NO_CONTENT).header("x-deleted", Integer.toString(id)).build();
    }

    @FunctionName("uploadFile")
    public HttpResponseMessage uploadFile(
            @HttpTrigger(name = "req", methods = {HttpMethod.PUT}, route = "files/{name}", dataType = "binary",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("name") String name) {
        byte[] body = request.getBody().orElse(new byte[0]);
        byte[] reversed = new byte[body.length];
        for (int i = 0; i < body.length; i++) {
            reversed[i] = body[body.length - 1 - i];
        }
        return request.createResponseBuilder(HttpStatus.OK).header("x-file-name", name).body(reversed).build();
    }

    @FunctionName("listItems")
    public HttpResponseMessage listItems(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "items/{id?}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpResponses.ok(request, Map.of("id", id == null ? "all" : id));
    }

    @FunctionName("whoAmI")
    public HttpResponseMessage whoAmI(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "whoami",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> {
            Caller caller = GatewayHeaders.callerFrom(request.getHeaders());
            return HttpResponses.ok(request, Map.of("consumer", caller.consumerId(),
                    "tenant", caller.tenant().value(), "roles", caller.roles()));
        });
    }

    @FunctionName("boom")
    public HttpResponseMessage boom(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<Optional<String>> request) {
        throw new IllegalStateException("secret internal detail");
    }
}
