package com.aiplatform.assistant.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(FileFunctions.class, AskFunctions.class, ExtractionFunctions.class, OpenApiFunctions.class,
                HealthFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return OpenApiFunctions.readOpenApi();
    }
}
