package com.aiplatform.llm.api;

import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.shared.functions.HealthResponses;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.OpenApiDocument;
import com.aiplatform.shared.health.HealthService;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** {@code GET /v1/models}, one model, the app's health (the pool's backends and their circuits) and its OpenAPI document. */
public final class ModelFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/llm.yaml";

    private final ModelCatalog models;
    private final HealthService health;
    private final byte[] openApi;

    public ModelFunctions(ModelCatalog models, HealthService health) {
        this.models = models;
        this.health = health;
        this.openApi = readOpenApi();
    }

    @FunctionName("llmListModels")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/llm/v1/models",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenAiResponses.handle(request, () -> HttpResponses.ok(request, models.view()));
    }

    @FunctionName("llmGetModel")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/llm/v1/models/{model}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request, @BindingName("model") String model) {
        return OpenAiResponses.handle(request, () -> HttpResponses.ok(request, models.view(model)));
    }

    @FunctionName("llmHealth")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/llm/health",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HealthResponses.respond(health, request);
    }

    @FunctionName("llmOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/llm/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
