package com.aiplatform.agent.conversation;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One turn at a time per conversation. A turn starts by taking a lease on the conversation's header row
 * with a conditional (ETag) update that also numbers the turn; a second message arriving meanwhile finds
 * the lease (or loses the ETag race) and is refused with 409 and Retry-After, so two turns never
 * interleave and the refused message was never stored, so nothing is lost: the client sends it again.
 * The turn's messages are written in one batch under its own number, then the lease is released. A lease
 * left by a crashed process expires after {@code leaseDuration}.
 */
public final class TurnLeases {

    private static final Logger LOG = LoggerFactory.getLogger(TurnLeases.class);
    private static final int ESCALATION_ATTEMPTS = 3;

    private final ConversationRepository conversations;
    private final Clock clock;
    private final Duration leaseDuration;

    public TurnLeases(ConversationRepository conversations, Clock clock, Duration leaseDuration) {
        this.conversations = conversations;
        this.clock = clock;
        this.leaseDuration = leaseDuration;
    }

    /** A turn holding the lease: {@code conversation} carries the ETag of the leased header. */
    public record Turn(Conversation conversation, long number, String leaseId) {
    }

    public Turn begin(TenantId tenant, String conversationId) {
        Conversation current = conversations.get(tenant, conversationId)
                .orElseThrow(() -> ProblemException.notFound("Conversation", conversationId));
        Instant now = clock.instant();
        if (current.leasedAt(now)) {
            throw busy(conversationId, Duration.between(now, current.leaseUntil()));
        }
        String leaseId = UUID.randomUUID().toString();
        try {
            Conversation leased = conversations.replace(current.withLease(leaseId, now.plus(leaseDuration),
                    current.turnCount() + 1, now));
            return new Turn(leased, leased.turnCount(), leaseId);
        } catch (ConcurrencyException lostRace) {
            if (conversations.get(tenant, conversationId).isEmpty()) {
                throw ProblemException.notFound("Conversation", conversationId);
            }
            throw busy(conversationId, Duration.ofSeconds(1));
        }
    }

    /** Writes the turn's messages, then releases the lease and applies an escalation in the same header write. */
    public void commit(Turn turn, List<StoredMessage> messages, String escalationReason) {
        Conversation leased = turn.conversation();
        TenantId tenant = TenantId.of(leased.tenantId());
        conversations.appendTurn(tenant, leased.conversationId(), messages);
        try {
            conversations.replace(leased.released(clock.instant(), escalationReason));
        } catch (ConcurrencyException changed) {
            if (conversations.get(tenant, leased.conversationId()).isEmpty()) {
                conversations.deleteMessages(tenant, leased.conversationId(), turn.number());
                throw ProblemException.notFound("Conversation", leased.conversationId());
            }
            LOG.warn("Turn {} of conversation {} outlived its lease; its messages are kept under their own turn number",
                    turn.number(), leased.conversationId());
            if (escalationReason != null) {
                escalate(tenant, leased.conversationId(), escalationReason);
            }
        }
    }

    /**
     * Releases the lease of a turn that wrote nothing (a replayed message, a failure) and gives its number
     * back, so that the stored turns stay numbered without gaps.
     */
    public void abandon(Turn turn) {
        try {
            conversations.replace(turn.conversation().abandoned(clock.instant()));
        } catch (ConcurrencyException changed) {
            LOG.debug("Lease of turn {} already gone", turn.number());
        }
    }

    /** Releases the lease of a turn whose commit failed midway: its messages may be stored, so it keeps its number. */
    public void release(Turn turn) {
        try {
            conversations.replace(turn.conversation().released(clock.instant(), null));
        } catch (ConcurrencyException changed) {
            LOG.debug("Lease of turn {} already gone", turn.number());
        }
    }

    private void escalate(TenantId tenant, String conversationId, String reason) {
        for (int attempt = 1; attempt <= ESCALATION_ATTEMPTS; attempt++) {
            var current = conversations.get(tenant, conversationId);
            if (current.isEmpty()) {
                return;
            }
            Conversation c = current.get();
            try {
                conversations.replace(new Conversation(c.tenantId(), c.conversationId(), c.createdAt(), clock.instant(),
                        c.turnCount(), c.leaseId(), c.leaseUntil(), true, reason,
                        c.escalated() ? c.escalatedAt() : clock.instant(), c.etag()));
                return;
            } catch (ConcurrencyException retry) {
                LOG.debug("Escalation of {} raced another write (attempt {})", conversationId, attempt);
            }
        }
        LOG.warn("Could not mark conversation {} for escalation after {} attempts", conversationId, ESCALATION_ATTEMPTS);
    }

    private static ProblemException busy(String conversationId, Duration retryAfter) {
        Duration wait = retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter;
        return new ProblemException(Problem.of(409, "turn-in-progress", "Another message is being answered",
                "Conversation '" + conversationId + "' is answering another message; send this one again after "
                        + "that reply (Retry-After)"), wait.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : wait,
                null);
    }
}
