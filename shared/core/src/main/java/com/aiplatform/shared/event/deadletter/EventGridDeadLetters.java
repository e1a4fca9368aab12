package com.aiplatform.shared.event.deadletter;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The content of an Event Grid dead-letter blob: a JSON array of the events that could not be delivered.
 * With the CloudEvents 1.0 delivery schema (ours) each element is the event itself plus lower-case
 * attributes {@code deadletterreason}, {@code deliveryattempts}, {@code lastdeliveryoutcome},
 * {@code publishtime} (and, when known, {@code lastdeliveryattempttime}, {@code lasthttpstatuscode});
 * with the Event Grid schema the same properties are camelCase beside {@code eventType}, {@code topic}
 * and {@code eventTime} (Microsoft Learn, "Event Grid message delivery and retry",
 * azure/event-grid/delivery-and-retry, "Dead-letter events" and "Delivery event formats").
 */
public final class EventGridDeadLetters {

    private static final Set<String> PROPERTIES = Set.of("deadletterreason", "deliveryattempts", "lastdeliveryoutcome",
            "lasthttpstatuscode", "publishtime", "lastdeliveryattempttime");

    private EventGridDeadLetters() {
    }

    /** The dead-lettered events in a blob; {@link IllegalArgumentException} if it is not one. */
    public static List<DeadLetteredEvent> parse(byte[] blob) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(blob);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Dead-letter blob is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            throw new IllegalArgumentException("Dead-letter blob holds neither an array nor an object of events");
        }
        List<DeadLetteredEvent> events = new ArrayList<>();
        for (JsonNode element : root.isArray() ? root : List.of(root)) {
            if (!element.isObject()) {
                throw new IllegalArgumentException("Dead-letter blob holds a value that is not an event: " + element);
            }
            events.add(event((ObjectNode) element));
        }
        return events;
    }

    /** A blob of dead-lettered events as Event Grid writes it with the CloudEvents 1.0 schema. */
    public static byte[] write(List<DeadLetteredEvent> events) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (DeadLetteredEvent dead : events) {
            ObjectNode node = dead.event().deepCopy();
            node.put("deadletterreason", dead.reason());
            putIfPresent(node, "deliveryattempts", dead.deliveryAttempts());
            node.put("lastdeliveryoutcome", dead.lastDeliveryOutcome());
            putIfPresent(node, "lasthttpstatuscode", dead.lastHttpStatusCode());
            putIfPresent(node, "publishtime", dead.publishTime());
            putIfPresent(node, "lastdeliveryattempttime", dead.lastDeliveryAttemptTime());
            array.add(node);
        }
        try {
            return Json.mapper().writeValueAsString(array).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Dead-lettered events cannot be written as JSON", e);
        }
    }

    private static DeadLetteredEvent event(ObjectNode element) {
        ObjectNode event = Json.mapper().createObjectNode();
        Map<String, JsonNode> properties = new java.util.HashMap<>();
        element.fields().forEachRemaining(field -> {
            String lower = field.getKey().toLowerCase(Locale.ROOT);
            if (PROPERTIES.contains(lower)) {
                properties.put(lower, field.getValue());
            } else {
                event.set(field.getKey(), field.getValue());
            }
        });
        // The documented CloudEvents sample has no specversion, so type and source also identify one.
        boolean cloudEvent = event.has("specversion") || (event.has("type") && event.has("source"));
        return dead(cloudEvent ? event : fromEventGridSchema(event), properties);
    }

    private static DeadLetteredEvent dead(ObjectNode cloudEvent, Map<String, JsonNode> properties) {
        return new DeadLetteredEvent(cloudEvent, text(properties.get("deadletterreason")),
                integer(properties.get("deliveryattempts")), text(properties.get("lastdeliveryoutcome")),
                integer(properties.get("lasthttpstatuscode")), instant(properties.get("publishtime")),
                instant(properties.get("lastdeliveryattempttime")));
    }

    /** The same event in CloudEvents attributes (the mapping Event Grid applies between its two schemas). */
    private static ObjectNode fromEventGridSchema(ObjectNode event) {
        if (!event.has("eventType") || !event.has("id")) {
            throw new IllegalArgumentException("Dead-lettered value is neither a CloudEvent (specversion) nor an "
                    + "Event Grid event (id, eventType)");
        }
        ObjectNode cloudEvent = Json.mapper().createObjectNode();
        cloudEvent.put("specversion", PlatformEvent.SPEC_VERSION);
        cloudEvent.set("id", event.get("id"));
        cloudEvent.set("source", event.get("topic"));
        cloudEvent.set("type", event.get("eventType"));
        if (event.hasNonNull("subject")) {
            cloudEvent.set("subject", event.get("subject"));
        }
        if (event.hasNonNull("eventTime")) {
            cloudEvent.set("time", event.get("eventTime"));
        }
        cloudEvent.put("datacontenttype", "application/json");
        if (event.has("data")) {
            cloudEvent.set("data", event.get("data"));
        }
        return cloudEvent;
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value instanceof Integer number) {
            node.put(field, number);
        } else if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer integer(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static Instant instant(JsonNode node) {
        try {
            return node == null || node.isNull() ? null : Instant.parse(node.asText());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Dead-letter time is not an ISO-8601 instant: " + node.asText(), e);
        }
    }
}
