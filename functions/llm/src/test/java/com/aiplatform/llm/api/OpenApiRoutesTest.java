package com.aiplatform.llm.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(ChatFunctions.class, EmbeddingFunctions.class, ModelFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return ModelFunctions.readOpenApi();
    }
}
