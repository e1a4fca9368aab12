package com.aiplatform.local.http;

import java.util.Map;
import java.util.Set;

/** The outcome of looking up a request in the {@link RouteTable}. */
public sealed interface RouteMatch {

    record Found(HttpRoute route, Map<String, String> parameters) implements RouteMatch {
    }

    record NotFound() implements RouteMatch {
    }

    /** Some route matches the path, but none accepts the method. */
    record MethodNotAllowed(Set<String> allowed) implements RouteMatch {
    }
}
