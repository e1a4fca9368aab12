package com.aiplatform.platform.deadletters;

import com.aiplatform.shared.event.deadletter.DeadLetterBlobName;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An Event Grid dead-letter blob as the API shows it. {@code id} is the blob's name in URL-safe Base64,
 * since the name holds slashes; {@code events} is present when inspected, not when listed.
 */
public record EventDeadLetter(String id, String blobName, String topic, String subscription, Instant deadLetteredHour,
                              List<Event> events) {

    /** One dead-lettered event: the CloudEvent as published and why Event Grid gave up on it. */
    public record Event(String id, String type, String reason, Integer deliveryAttempts, String lastDeliveryOutcome,
                        Integer lastHttpStatusCode, Instant publishTime, Instant lastDeliveryAttemptTime,
                        JsonNode cloudEvent) {

        static Event of(DeadLetteredEvent dead) {
            return new Event(dead.id(), dead.type(), dead.reason(), dead.deliveryAttempts(), dead.lastDeliveryOutcome(),
                    dead.lastHttpStatusCode(), dead.publishTime(), dead.lastDeliveryAttemptTime(), dead.event());
        }
    }

    static EventDeadLetter of(DeadLetterBlobName name, List<Event> events) {
        return new EventDeadLetter(id(name.name()), name.name(), name.topic(), name.subscription(), name.hour(), events);
    }

    static String id(String blobName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(blobName.getBytes(StandardCharsets.UTF_8));
    }

    /** The blob an id names, if it is one that Event Grid's layout allows. */
    static Optional<DeadLetterBlobName> blobName(String id) {
        try {
            return DeadLetterBlobName.parse(new String(Base64.getUrlDecoder().decode(id == null ? "" : id),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
