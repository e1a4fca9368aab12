package com.aiplatform.agent.support;

import java.time.Instant;
import java.util.List;

/** A support ticket opened by the agent; {@code etag} is the stored row's, for conditional updates. */
public record Ticket(String ticketId, String conversationId, String subject, String description,
                     String customerEmail, String orderNumber, String status, List<String> notes,
                     Instant createdAt, Instant updatedAt, String etag) {

    public Ticket {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
