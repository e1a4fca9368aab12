package com.aiplatform.local.invoke;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.ParameterSource;
import com.microsoft.azure.functions.ExecutionContext;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Calls a function method: binds each parameter from the trigger payload, the execution context or
 * the binding data (names matched case-insensitively, as binding expressions are), then invokes it.
 * Observers (benchmarks, tests) hear of every run with its duration, as the Functions host logs it.
 */
public final class FunctionInvoker {

    private final ValueConverter converter = new ValueConverter();
    private final List<Consumer<Invocation>> observers = new CopyOnWriteArrayList<>();

    /** Tells {@code observer} of every function run from now on, on the invoking thread; close to stop. */
    public AutoCloseable observe(Consumer<Invocation> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    /**
     * @param payload     the trigger's value: an {@code HttpRequestMessage}, a queue message body, an event's JSON
     * @param bindingData route parameters or message metadata by name
     * @return what the method returned (null for void)
     * @throws FunctionFailedException when the function threw, or a parameter could not be bound from the payload
     */
    public Object invoke(FunctionDefinition function, Object payload, Map<String, ?> bindingData,
                         ExecutionContext context) {
        Map<String, Object> data = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        data.putAll(bindingData);
        List<ParameterSource> sources = function.parameters();
        Object[] arguments = new Object[sources.size()];
        try {
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = argument(sources.get(i), payload, data, context);
            }
        } catch (IllegalArgumentException e) {
            throw new FunctionFailedException(function.qualifiedName(), e);
        }
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            Object result = function.method().invoke(function.instance(), arguments);
            succeeded = true;
            return result;
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(function.qualifiedName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Function " + function.qualifiedName() + " is not accessible", e);
        } finally {
            if (!observers.isEmpty()) {
                var run = new Invocation(function.qualifiedName(), payload instanceof String text ? text : null,
                        Duration.ofNanos(System.nanoTime() - start), succeeded,
                        context instanceof LocalExecutionContext local ? local.traceparent() : null);
                observers.forEach(observer -> observer.accept(run));
            }
        }
    }

    private Object argument(ParameterSource source, Object payload, Map<String, Object> data, ExecutionContext context) {
        if (source instanceof ParameterSource.TriggerValue trigger) {
            return converter.convert(payload, trigger.type());
        }
        if (source instanceof ParameterSource.BindingValue binding) {
            return converter.convert(data.get(binding.name()), binding.type());
        }
        return context;
    }
}
