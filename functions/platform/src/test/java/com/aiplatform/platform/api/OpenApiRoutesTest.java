package com.aiplatform.platform.api;

import com.aiplatform.testing.openapi.OpenApiRoutesContract;

import java.util.List;

class OpenApiRoutesTest extends OpenApiRoutesContract {

    @Override
    protected List<Class<?>> functionClasses() {
        return List.of(ConsumerFunctions.class, BudgetFunctions.class, UsageFunctions.class, HealthFunctions.class, DeadLetterFunctions.class,
                EventDeadLetterFunctions.class);
    }

    @Override
    protected byte[] openApiDocument() {
        return HealthFunctions.readOpenApi();
    }
}
