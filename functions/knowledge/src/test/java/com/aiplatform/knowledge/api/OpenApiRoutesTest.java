package com.aiplatform.knowledge.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(DocumentFunctions.class, IngestionFunctions.class, SearchFunctions.class, HealthFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return HealthFunctions.readOpenApi();
    }
}
