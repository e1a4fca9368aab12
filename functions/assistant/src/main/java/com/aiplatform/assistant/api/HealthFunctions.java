package com.aiplatform.assistant.api;

import com.aiplatform.shared.functions.HealthResponses;
import com.aiplatform.shared.health.HealthService;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Health of the storage the app owns: 200 when every dependency answers, 503 otherwise (the platform aggregates it). */
public final class HealthFunctions {

    private final HealthService health;

    public HealthFunctions(HealthService health) {
        this.health = health;
    }

    @FunctionName("assistantHealth")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/assistant/health",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HealthResponses.respond(health, request);
    }
}
