package com.aiplatform.agent.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(ConversationFunctions.class, AdminFunctions.class, HealthFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return AdminFunctions.readOpenApi();
    }
}
