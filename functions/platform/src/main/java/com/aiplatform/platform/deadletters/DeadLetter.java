package com.aiplatform.platform.deadletters;

import java.time.Instant;

/** A message in a {@code -poison} queue, as inspected. */
public record DeadLetter(String queue, String messageId, Instant insertedOn, long dequeueCount, String body) {
}
