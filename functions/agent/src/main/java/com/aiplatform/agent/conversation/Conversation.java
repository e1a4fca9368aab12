package com.aiplatform.agent.conversation;

import java.time.Instant;

/**
 * A conversation's header row. {@code turnCount} numbers turns as their leases are taken, so every turn
 * writes its messages under its own number; {@code leaseId}/{@code leaseUntil} hold the turn in progress.
 */
public record Conversation(String tenantId, String conversationId, Instant createdAt, Instant updatedAt,
                           long turnCount, String leaseId, Instant leaseUntil, boolean escalated,
                           String escalationReason, Instant escalatedAt, String etag) {

    public boolean leasedAt(Instant now) {
        return leaseId != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    public Conversation withLease(String newLeaseId, Instant until, long turn, Instant now) {
        return new Conversation(tenantId, conversationId, createdAt, now, turn, newLeaseId, until, escalated,
                escalationReason, escalatedAt, etag);
    }

    /** The lease released and the turn it numbered taken back: that turn stored nothing. */
    public Conversation abandoned(Instant now) {
        return new Conversation(tenantId, conversationId, createdAt, now, turnCount - 1, null, null, escalated,
                escalationReason, escalatedAt, etag);
    }

    /** The lease released, the turn's escalation (if any) applied. */
    public Conversation released(Instant now, String newEscalationReason) {
        boolean escalate = newEscalationReason != null;
        return new Conversation(tenantId, conversationId, createdAt, now, turnCount, null, null,
                escalated || escalate, escalate ? newEscalationReason : escalationReason,
                escalate && !escalated ? now : escalatedAt, etag);
    }
}
