package com.aiplatform.assistant.api;

import com.aiplatform.shared.functions.OpenApiDocument;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The app's OpenAPI document (which APIM imports), served from the class path. */
public final class OpenApiFunctions {

    static final String OPENAPI_RESOURCE = "/openapi/assistant.yaml";

    private final byte[] openApi = readOpenApi();

    @FunctionName("assistantOpenApi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/assistant/openapi.yaml",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return OpenApiDocument.serve(request, openApi);
    }

    static byte[] readOpenApi() {
        return OpenApiDocument.read(OPENAPI_RESOURCE);
    }
}
