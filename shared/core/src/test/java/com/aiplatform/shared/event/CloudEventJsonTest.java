package com.aiplatform.shared.event;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventJsonTest {

    @Test
    void should_write_cloudevents_1_0_structured_json_and_read_it_back() {
        var event = new PlatformEvent("e-1", "/aiplatform/knowledge", "AiPlatform.Knowledge.DocumentIngested",
                "tenants/acme/documents/d1", Instant.parse("2026-11-27T10:00:00Z"),
                Json.tree("{\"documentId\":\"d1\",\"version\":2}"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        ObjectNode json = CloudEventJson.toJson(event);

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(json.get("data").get("version").asInt()).isEqualTo(2);
        assertThat(CloudEventJson.fromJson(json)).isEqualTo(event);
    }

    @Test
    void should_refuse_events_of_another_spec_version() {
        assertThatThrownBy(() -> CloudEventJson.fromJson(Json.tree("{\"specversion\":\"0.3\",\"id\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.3");
    }
}
