package com.aiplatform.agent.api;

import com.aiplatform.agent.support.SeedService;
import com.aiplatform.shared.functions.OpenApiDocument;
import com.aiplatform.shared.functions.HttpResponses;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The demo seed (admin only) and the app's OpenAPI document (which APIM imports). */
public final class AdminFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/agent.yaml";

    private final SeedService seed;
    private final byte[] openApi;

    public AdminFunctions(SeedService seed) {
        this.seed = seed;
        this.openApi = readOpenApi();
    }

    @FunctionName("agentSeedDemo")
    public HttpResponseMessage seed(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/agent/admin/seed",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            return HttpResponses.ok(request, seed.seed(call.caller()));
        });
    }

    @FunctionName("agentOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/agent/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
