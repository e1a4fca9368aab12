package com.aiplatform.shared.function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every app's composition root keeps: the instance serving each of its function classes, and the
 * resources those instances hold (telemetry, models, indexes, executors), closed in the reverse of the order
 * they were made. A composition root adds resources as it makes them, so that if building fails halfway it
 * can close what was made so far.
 */
public final class AppParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppParts.class);

    private final String app;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<Class<?>, Object> functions = new LinkedHashMap<>();

    public AppParts(String app) {
        this.app = app;
    }

    /** The app's name, as in {@code functions/<name>}. */
    public String app() {
        return app;
    }

    /** Keeps {@code resource} to close with the app, and returns it. */
    public <T extends AutoCloseable> T resource(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Registers the instance that serves the {@code @FunctionName} methods of its class. */
    public AppParts function(Object instance) {
        if (functions.putIfAbsent(instance.getClass(), instance) != null) {
            throw new IllegalStateException(instance.getClass().getName() + " is registered twice in " + app);
        }
        return this;
    }

    /** The function classes, in the order they were registered. */
    public List<Class<?>> functionClasses() {
        return List.copyOf(functions.keySet());
    }

    public <T> T instance(Class<T> functionClass) {
        Object instance = functions.get(functionClass);
        if (instance == null) {
            throw new IllegalArgumentException(functionClass.getName() + " is not a function class of " + app);
        }
        return functionClass.cast(instance);
    }

    /** Closes every resource, the last made first; a failure is logged and the others are still closed. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("{}: closing {} failed", app, resources.get(i), e);
            }
        }
        resources.clear();
    }
}
