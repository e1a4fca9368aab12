package com.aiplatform.bench;

import com.aiplatform.shared.function.FunctionApp;

import java.util.List;

/** A function app with only the ping route; built by the benchmark, never registered for discovery. */
final class PingApp implements FunctionApp {

    private final PingFunctions functions = new PingFunctions();

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public List<Class<?>> functionClasses() {
        return List.of(PingFunctions.class);
    }

    @Override
    public <T> T instance(Class<T> functionClass) {
        return functionClass.cast(functions);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
