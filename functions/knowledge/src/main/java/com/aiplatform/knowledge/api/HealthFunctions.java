package com.aiplatform.knowledge.api;

import com.aiplatform.shared.functions.HealthResponses;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.functions.OpenApiDocument;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Health of the app's dependencies, and the app's OpenAPI document (which APIM imports). */
public final class HealthFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/knowledge.yaml";

    private final HealthService health;
    private final byte[] openApi;

    public HealthFunctions(HealthService health) {
        this.health = health;
        this.openApi = readOpenApi();
    }

    @FunctionName("knowledgeHealth")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/knowledge/health",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HealthResponses.respond(health, request);
    }

    @FunctionName("knowledgeOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/knowledge/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
