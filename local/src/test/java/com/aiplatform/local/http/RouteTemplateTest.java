package com.aiplatform.local.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTemplateTest {

    @Test
    void should_bind_parameters_when_path_matches() {
        RouteTemplate template = RouteTemplate.of("api", "v1/knowledge/documents/{id}/chunks/{chunk}");

        assertThat(template.match("/api/v1/knowledge/documents/d%2F1/chunks/3"))
                .hasValue(Map.of("id", "d/1", "chunk", "3"));
        assertThat(template.match("/api/v1/knowledge/documents/d1")).isEmpty();
    }

    @Test
    void should_match_literals_case_insensitively_and_ignore_trailing_slash() {
        RouteTemplate template = RouteTemplate.of("api", "Health");

        assertThat(template.match("/API/health/")).hasValue(Map.of());
    }

    @Test
    void should_keep_plus_sign_when_decoding_parameter() {
        assertThat(RouteTemplate.of("api", "q/{term}").match("/api/q/a+b%20c")).hasValue(Map.of("term", "a+b c"));
    }

    @Test
    void should_match_optional_parameter_when_present_or_absent() {
        RouteTemplate template = RouteTemplate.of("api", "items/{id?}");

        assertThat(template.match("/api/items")).hasValue(Map.of());
        assertThat(template.match("/api/items/5")).hasValue(Map.of("id", "5"));
    }

    @Test
    void should_refuse_value_when_constraint_does_not_hold() {
        RouteTemplate template = RouteTemplate.of("api", "orders/{id:int}");

        assertThat(template.match("/api/orders/12")).hasValue(Map.of("id", "12"));
        assertThat(template.match("/api/orders/abc")).isEmpty();
    }

    @Test
    void should_capture_rest_of_path_when_catch_all() {
        RouteTemplate template = RouteTemplate.of("", "files/{*path}");

        assertThat(template.match("/files/a/b/c.txt")).hasValue(Map.of("path", "a/b/c.txt"));
        assertThat(template.match("/files")).hasValue(Map.of());
    }

    @Test
    void should_bind_parameters_inside_a_segment_when_segment_is_complex() {
        assertThat(RouteTemplate.of("api", "files/{name}.{ext}").match("/api/files/report.final.pdf"))
                .hasValue(Map.of("name", "report", "ext", "final.pdf"));
    }

    @Test
    void should_rank_literal_before_parameter_when_comparing_precedence() {
        List<RouteTemplate> templates = new ArrayList<>(List.of(RouteTemplate.of("api", "things/{*rest}"),
                RouteTemplate.of("api", "things/{id}"), RouteTemplate.of("api", "things/{id:int}"),
                RouteTemplate.of("api", "things/new"), RouteTemplate.of("api", "things/{id?}")));

        templates.sort(RouteTemplate.MOST_SPECIFIC_FIRST);

        assertThat(templates).extracting(RouteTemplate::toString).containsExactly("/api/things/new",
                "/api/things/{id:int}", "/api/things/{id}", "/api/things/{id?}", "/api/things/{*rest}");
    }

    @Test
    void should_share_shape_when_only_parameter_names_differ() {
        assertThat(RouteTemplate.of("api", "a/{x}").shape()).isEqualTo(RouteTemplate.of("api", "A/{y}").shape());
    }
}
