package com.aiplatform.bench;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The trivial route the gateway benchmark measures: no storage, no work, a constant answer. */
public final class PingFunctions {

    @FunctionName("benchPing")
    public HttpResponseMessage ping(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/bench/ping",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", "text/plain")
                .body("pong")
                .build();
    }
}
