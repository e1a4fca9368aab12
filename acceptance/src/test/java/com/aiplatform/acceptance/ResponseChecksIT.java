package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks every answer of the suite gets, proven to fail on answers that must fail them. */
@Order(7)
@ExtendWith(AcceptancePlatform.class)
class ResponseChecksIT {

    @Test
    void should_fail_an_answer_that_breaks_the_apps_openapi_document(Suite suite) {
        byte[] wrong = "{\"query\":\"x\",\"results\":[{\"chunkId\":1}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> suite.shop().check("POST", "/api/v1/knowledge/search", 200, "application/json", wrong))
                .isInstanceOf(AssertionError.class).hasMessageContaining("knowledge's OpenAPI document");
    }

    @Test
    void should_fail_a_5xx_and_a_4xx_that_is_not_problem_json(Suite suite) {
        byte[] problem = "{\"type\":\"about:blank\",\"title\":\"Boom\",\"status\":500}".getBytes(StandardCharsets.UTF_8);
        byte[] page = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> suite.shop().check("GET", "/api/v1/research/tasks", 500, "application/problem+json", problem))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> suite.shop().check("GET", "/api/v1/research/tasks/x", 404, "text/html", page))
                .isInstanceOf(AssertionError.class).hasMessageContaining("application/problem+json");
    }

    @Test
    void should_pass_an_answer_that_keeps_the_document(Suite suite) {
        byte[] right = "{\"tasks\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> suite.shop().check("GET", "/api/v1/research/tasks", 200, "application/json", right))
                .doesNotThrowAnyException();
    }
}
