package com.aiplatform.platform.deadletters;

import java.time.Instant;

/** The audit record of one replay: who sent which dead letter back to which queue, and when. */
public record Replay(String auditId, Instant replayedAt, String consumerId, String tenantId, String poisonQueue,
                     String messageId, String replayedTo, String bodySha256) {
}
