package com.aiplatform.local.discovery;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;

import java.util.Set;

/**
 * An {@code @HttpTrigger}.
 *
 * @param route        the route template below the app's route prefix (the function name when the annotation has none)
 * @param methods      the accepted methods; empty means every method, as in the Functions host
 * @param authLevel    recorded for the route listing; the local platform, like Core Tools, does not check keys
 * @param bodyType     {@code String}, {@code byte[]} or a type read from a JSON body
 * @param optionalBody whether the function takes the body as {@code Optional<bodyType>}
 */
public record HttpBinding(String route, Set<HttpMethod> methods, AuthorizationLevel authLevel,
                          Class<?> bodyType, boolean optionalBody) implements TriggerBinding {

    public HttpBinding {
        methods = Set.copyOf(methods);
    }

    public boolean accepts(HttpMethod method) {
        return methods.isEmpty() || methods.contains(method);
    }
}
