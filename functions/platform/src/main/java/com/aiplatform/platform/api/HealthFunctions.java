package com.aiplatform.platform.api;

import com.aiplatform.platform.access.Access;
import com.aiplatform.platform.health.PlatformHealth;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.functions.OpenApiDocument;
import com.aiplatform.shared.functions.HttpResponses;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Health of the whole platform (every app's health endpoint; details for platform admins only), and the app's OpenAPI document (which APIM imports). */
public final class HealthFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/platform.yaml";

    private final PlatformHealth health;
    private final byte[] openApi;

    public HealthFunctions(PlatformHealth health) {
        this.health = health;
        this.openApi = readOpenApi();
    }

    @FunctionName("platformHealth")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/health",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> {
            PlatformHealth.Report report = health.check();
            boolean details = GatewayHeaders.callerIfPresent(request.getHeaders())
                    .filter(caller -> caller.hasRole(Access.PLATFORM_ADMIN)).isPresent();
            return HttpResponses.json(request, report.status().equals("up") ? 200 : 503,
                    details ? report : report.coarse());
        });
    }

    @FunctionName("platformOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
