package com.aiplatform.agent.tools;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolArgumentsTest {

    private static final JsonNode SCHEMA = Json.tree("""
            {"type":"object","additionalProperties":false,"required":["ticketId"],
             "properties":{"ticketId":{"type":"string","pattern":"^TCK-[0-9A-F]{8}$"},
                           "status":{"type":"string","enum":["open","closed"]},
                           "note":{"type":"string","minLength":1,"maxLength":5},
                           "count":{"type":"integer"}}}""");

    @Test
    void should_accept_arguments_that_match_the_schema() {
        var checked = ToolArguments.check(SCHEMA, "{\"ticketId\":\"TCK-0A1B2C3D\",\"status\":\"open\",\"note\":\"ok\",\"count\":2}");
        assertThat(checked.valid()).isTrue();
        assertThat(checked.arguments().get("status").asText()).isEqualTo("open");
    }

    @Test
    void should_name_every_problem_when_arguments_break_the_schema() {
        var checked = ToolArguments.check(SCHEMA,
                "{\"ticketId\":\"TCK-0A1B2C3D\\nX\",\"status\":\"gone\",\"note\":\"too long\",\"count\":\"2\",\"extra\":1}");
        assertThat(checked.errors()).containsExactlyInAnyOrder("ticketId must match ^TCK-[0-9A-F]{8}$",
                "status must be one of [\"open\",\"closed\"]", "note must be at most 5 characters",
                "count must be an integer", "extra is not a parameter of this tool");
    }

    @Test
    void should_refuse_missing_required_values_non_objects_and_broken_json() {
        assertThat(ToolArguments.check(SCHEMA, "{}").errors()).containsExactly("ticketId is required");
        assertThat(ToolArguments.check(SCHEMA, "{\"ticketId\":null}").errors()).containsExactly("ticketId is required");
        assertThat(ToolArguments.check(SCHEMA, "[1,2]").errors()).containsExactly("the arguments must be a JSON object");
        assertThat(ToolArguments.check(SCHEMA, "{\"ticketId\":").errors()).containsExactly("the arguments are not valid JSON");
        assertThat(ToolArguments.check(SCHEMA, "{\"ticketId\":5}").errors()).containsExactly("ticketId must be a string");
    }
}
