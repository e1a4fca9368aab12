package com.aiplatform.research.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(TaskFunctions.class, WorkerFunctions.class, OpenApiFunctions.class, HealthFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return OpenApiFunctions.readOpenApi();
    }
}
