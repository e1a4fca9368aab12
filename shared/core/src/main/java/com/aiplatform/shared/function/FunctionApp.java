package com.aiplatform.shared.function;

import java.util.List;

/**
 * A function app's composition root: it builds the app's clients and services once per process and
 * hands out the instances of its {@code @FunctionName} classes. In Azure the app's
 * {@code FunctionInstanceInjector} delegates to it; the local platform discovers it through
 * {@link FunctionAppFactory} and reads the same annotations the Maven plugin reads.
 */
public interface FunctionApp extends AutoCloseable {

    /** The app's name, as in {@code functions/<name>} (e.g. {@code knowledge}). */
    String name();

    /** The classes whose methods carry {@code @FunctionName}. */
    List<Class<?>> functionClasses();

    /** The instance that serves the functions of {@code functionClass}. */
    <T> T instance(Class<T> functionClass);

    @Override
    void close();
}
