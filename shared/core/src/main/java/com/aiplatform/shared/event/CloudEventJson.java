package com.aiplatform.shared.event;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Converts events to and from the CloudEvents 1.0 structured JSON format. */
public final class CloudEventJson {

    private CloudEventJson() {
    }

    public static ObjectNode toJson(PlatformEvent event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("specversion", PlatformEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("time", event.time().toString());
        node.put("datacontenttype", "application/json");
        if (event.traceparent() != null) {
            node.put("traceparent", event.traceparent());
        }
        node.set("data", event.data());
        return node;
    }

    public static PlatformEvent fromJson(JsonNode node) {
        if (!PlatformEvent.SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new IllegalArgumentException("Not a CloudEvents 1.0 event: specversion is " + text(node, "specversion"));
        }
        return new PlatformEvent(text(node, "id"), text(node, "source"), text(node, "type"), text(node, "subject"),
                Instant.parse(text(node, "time")), node.get("data"), text(node, "traceparent"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
