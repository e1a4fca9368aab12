package com.aiplatform.shared.function;

import java.util.List;

/**
 * A {@link FunctionApp} whose composition root put its function instances and resources in {@link AppParts}:
 * the name, the function classes, the instances and closing all come from there, the same for every app.
 */
public abstract class ComposedApp implements FunctionApp {

    private final AppParts parts;

    protected ComposedApp(AppParts parts) {
        this.parts = parts;
    }

    @Override
    public final String name() {
        return parts.app();
    }

    @Override
    public final List<Class<?>> functionClasses() {
        return parts.functionClasses();
    }

    @Override
    public final <T> T instance(Class<T> functionClass) {
        return parts.instance(functionClass);
    }

    @Override
    public final void close() {
        parts.close();
    }
}
