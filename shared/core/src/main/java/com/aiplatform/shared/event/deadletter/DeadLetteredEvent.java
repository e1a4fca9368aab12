package com.aiplatform.shared.event.deadletter;

import com.aiplatform.shared.event.PlatformEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One event Event Grid could not deliver: the event as published (CloudEvents 1.0 attributes) and the
 * dead-letter properties Event Grid adds to it. Nullable fields are those Event Grid does not always write.
 */
public record DeadLetteredEvent(ObjectNode event, String reason, Integer deliveryAttempts, String lastDeliveryOutcome,
                                Integer lastHttpStatusCode, Instant publishTime, Instant lastDeliveryAttemptTime) {

    /** Event types Azure services raise on their system topics; nobody may publish them to a custom topic. */
    public static final String SYSTEM_TYPE_PREFIX = "Microsoft.";

    public DeadLetteredEvent {
        event = event.deepCopy();
    }

    public String id() {
        return text("id");
    }

    public String type() {
        return text("type");
    }

    public boolean systemEvent() {
        return type() != null && type().startsWith(SYSTEM_TYPE_PREFIX);
    }

    /**
     * The event to publish again. {@code time} is optional in CloudEvents; an event without it keeps the
     * time Event Grid accepted it ({@code publishtime}), and one without {@code data} carries JSON null.
     */
    public PlatformEvent toPlatformEvent() {
        if (id() == null || text("source") == null || type() == null) {
            throw new IllegalArgumentException("Dead-lettered event lacks id, source or type: " + event);
        }
        String time = text("time");
        Instant at;
        try {
            at = time != null ? Instant.parse(time) : publishTime;
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Dead-lettered event " + id() + " has an invalid time: " + time, e);
        }
        if (at == null) {
            throw new IllegalArgumentException("Dead-lettered event " + id() + " has neither time nor publishtime");
        }
        JsonNode data = event.get("data");
        return new PlatformEvent(id(), text("source"), type(), text("subject"), at,
                data == null ? NullNode.getInstance() : data, text("traceparent"));
    }

    private String text(String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
