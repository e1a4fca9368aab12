package com.aiplatform.platform.api;

import com.aiplatform.platform.health.PlatformHealth;

import com.aiplatform.shared.http.HttpResponses;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Health of the whole platform (every app's health endpoint), and the app's OpenAPI document (which APIM imports). */
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
            return HttpResponses.json(request, report.status().equals("up") ? 200 : 503, report);
        });
    }

    @FunctionName("platformOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", "application/yaml")
                .body(openApi)
                .build();
    }

    static byte[] readOpenApi() {
        try (InputStream in = HealthFunctions.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + OPENAPI_RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
