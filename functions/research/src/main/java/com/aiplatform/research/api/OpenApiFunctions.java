package com.aiplatform.research.api;

import com.aiplatform.shared.functions.OpenApiDocument;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The app's OpenAPI document, which APIM imports and the tests check the routes and responses against. */
public final class OpenApiFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/research.yaml";

    private final byte[] openApi = readOpenApi();

    @FunctionName("researchOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/research/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
