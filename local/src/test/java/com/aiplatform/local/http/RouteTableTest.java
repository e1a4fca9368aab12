package com.aiplatform.local.http;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HttpBinding;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @Test
    void should_refuse_two_functions_when_they_claim_the_same_route_and_method() {
        assertThatThrownBy(() -> new RouteTable(List.of(route("a", "things/{id}", HttpMethod.GET),
                route("b", "Things/{key}", HttpMethod.GET, HttpMethod.POST))))
                .hasMessageContaining("app/a").hasMessageContaining("app/b").hasMessageContaining("GET");
    }

    @Test
    void should_route_by_method_when_two_functions_share_a_template() {
        RouteTable table = new RouteTable(List.of(route("get", "things/{id}", HttpMethod.GET),
                route("delete", "things/{id}", HttpMethod.DELETE)));

        RouteMatch match = table.resolve(HttpMethod.DELETE, "/api/things/9");

        assertThat(match).isInstanceOfSatisfying(RouteMatch.Found.class, found -> {
            assertThat(found.route().function().name()).isEqualTo("delete");
            assertThat(found.parameters()).isEqualTo(Map.of("id", "9"));
        });
        assertThat(table.resolve(HttpMethod.PUT, "/api/things/9"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(Set.of("DELETE", "GET")));
    }

    @Test
    void should_accept_every_method_when_trigger_lists_none() {
        RouteTable table = new RouteTable(List.of(route("any", "hook")));

        assertThat(table.resolve(HttpMethod.PATCH, "/api/hook")).isInstanceOf(RouteMatch.Found.class);
        assertThat(table.resolve(HttpMethod.GET, "/api/other")).isInstanceOf(RouteMatch.NotFound.class);
    }

    private static HttpRoute route(String name, String template, HttpMethod... methods) {
        HttpBinding binding = new HttpBinding(template, Set.of(methods), AuthorizationLevel.ANONYMOUS, String.class, true);
        try {
            FunctionDefinition function = new FunctionDefinition("app", name, new Object(),
                    Object.class.getMethod("toString"), binding, List.of());
            return new HttpRoute(RouteTemplate.of("api", template), function, binding);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
