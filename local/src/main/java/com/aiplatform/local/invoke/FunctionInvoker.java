package com.aiplatform.local.invoke;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.ParameterSource;
import com.microsoft.azure.functions.ExecutionContext;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls a function method: binds each parameter from the trigger payload, the execution context or
 * the binding data (names matched case-insensitively, as binding expressions are), then invokes it.
 */
public final class FunctionInvoker {

    private final ValueConverter converter = new ValueConverter();

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
        try {
            return function.method().invoke(function.instance(), arguments);
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(function.qualifiedName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Function " + function.qualifiedName() + " is not accessible", e);
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
