package com.aiplatform.local.discovery;

import java.lang.reflect.Method;
import java.util.List;

/** One {@code @FunctionName} method of an app, with the instance that serves it and how to call it. */
public record FunctionDefinition(String appName, String name, Object instance, Method method,
                                 TriggerBinding trigger, List<ParameterSource> parameters) {

    public FunctionDefinition {
        parameters = List.copyOf(parameters);
    }

    /** {@code app/function}, for logs and subscriber names. */
    public String qualifiedName() {
        return appName + "/" + name;
    }
}
