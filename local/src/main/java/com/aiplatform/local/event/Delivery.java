package com.aiplatform.local.event;

import java.time.Instant;

/** The outcome of delivering one event to one subscriber, kept in the bus's bounded log. */
public record Delivery(String eventId, String eventType, String subscriber, int attempts, Outcome outcome,
                       Instant at) {

    public enum Outcome { DELIVERED, DEAD_LETTERED }
}
