package com.aiplatform.shared.functions;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodiesTest {

    record Body(String documentId, Integer topK, BigDecimal limitUsd, Boolean exact, Map<String, String> filter,
                List<String> roles) {
    }

    private static Body parse(String json) {
        return RequestBodies.json(json.getBytes(StandardCharsets.UTF_8), Body.class, 10_000);
    }

    @Test
    void should_read_a_body_whose_values_have_the_declared_types() {
        Body body = parse("{\"documentId\":\"d1\",\"topK\":3,\"limitUsd\":7.5,\"exact\":true,\"filter\":{\"k\":\"v\"},"
                + "\"roles\":[\"admin\"]}");

        assertThat(body).isEqualTo(new Body("d1", 3, new BigDecimal("7.5"), true, Map.of("k", "v"), List.of("admin")));
        assertThat(parse("{\"limitUsd\":7}").limitUsd()).isEqualByComparingTo("7");
        assertThat(parse("{\"limitUsd\":0}").limitUsd()).isEqualByComparingTo("0");
        assertThat(parse("{\"limitUsd\":4E+3,\"documentId\":null}").limitUsd()).isEqualByComparingTo("4000");
    }

    @Test
    void should_refuse_with_400_naming_the_field_when_a_value_has_another_json_type() {
        for (String json : List.of("{\"topK\":1.5}", "{\"topK\":\"3\"}", "{\"topK\":true}", "{\"limitUsd\":\"7.5\"}",
                "{\"limitUsd\":true}", "{\"documentId\":12345}", "{\"documentId\":1.5}", "{\"documentId\":true}",
                "{\"documentId\":[]}", "{\"exact\":\"true\"}", "{\"exact\":1}", "{\"filter\":{\"k\":12345}}",
                "{\"roles\":\"admin\"}", "{\"roles\":[12345]}", "{\"roles\":[null]}", "{\"filter\":{\"k\":null}}", "{\"topK\":9223372036854775808}",
                "{\"limitUsd\":1e-999999999}", "{\"limitUsd\":1e999999999}")) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void should_refuse_with_400_when_a_key_is_given_twice_or_json_follows_the_body() {
        assertThatThrownBy(() -> parse("{\"topK\":1,\"topK\":2}")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> parse("{\"topK\":1} {}")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_leave_the_shared_mapper_as_lenient_as_before_for_our_own_messages() {
        assertThat(Json.read("{\"topK\":\"3\",\"documentId\":12345}", Body.class))
                .extracting(Body::topK, Body::documentId).containsExactly(3, "12345");
    }
}
