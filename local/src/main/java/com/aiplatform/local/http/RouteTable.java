package com.aiplatform.local.http;

import com.microsoft.azure.functions.HttpMethod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every HTTP route of every hosted app, most specific first. */
public final class RouteTable {

    private final List<HttpRoute> routes;

    /** @throws IllegalStateException when two functions claim the same template for the same method */
    public RouteTable(List<HttpRoute> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                requireDistinct(routes.get(i), routes.get(j));
            }
        }
        List<HttpRoute> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparing(HttpRoute::template, RouteTemplate.MOST_SPECIFIC_FIRST));
        this.routes = List.copyOf(sorted);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    public RouteMatch resolve(HttpMethod method, String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> parameters = route.template().match(rawPath);
            if (parameters.isEmpty()) {
                continue;
            }
            if (method != null && route.binding().accepts(method)) {
                return new RouteMatch.Found(route, parameters.get());
            }
            methods(route).forEach(m -> allowed.add(m.name()));
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    private static Set<HttpMethod> methods(HttpRoute route) {
        return route.binding().methods().isEmpty() ? EnumSet.allOf(HttpMethod.class) : route.binding().methods();
    }

    private static void requireDistinct(HttpRoute a, HttpRoute b) {
        if (!a.template().shape().equals(b.template().shape())) {
            return;
        }
        Set<HttpMethod> shared = EnumSet.copyOf(methods(a));
        shared.retainAll(methods(b));
        if (!shared.isEmpty()) {
            throw new IllegalStateException("Functions " + a.function().qualifiedName() + " and "
                    + b.function().qualifiedName() + " both serve " + shared + " " + a.template());
        }
    }
}
