package com.aiplatform.local.discovery;

import java.lang.reflect.Type;

/** Where the value of one parameter of a function method comes from. */
public sealed interface ParameterSource {

    /** The trigger's payload (the request, the queue message, the event), converted to {@code type}. */
    record TriggerValue(Type type) implements ParameterSource {
    }

    /** The {@code ExecutionContext} of the invocation. */
    record Context() implements ParameterSource {
    }

    /** A {@code @BindingName} value: a route parameter, or a queue message's metadata such as {@code DequeueCount}. */
    record BindingValue(String name, Type type) implements ParameterSource {
    }
}
