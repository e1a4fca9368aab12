package com.aiplatform.agent.conversation;

import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The agent app's CloudEvents: a conversation was handed over to a human, for whatever helpdesk
 * subscribes. The event id is derived from the conversation, so a repeated publication is the same event
 * to a subscriber that is idempotent on id, as at-least-once delivery requires.
 */
public final class ConversationEvents {

    public static final String SOURCE = "/aiplatform/agent";
    public static final String ESCALATED = "AiPlatform.Agent.ConversationEscalated";

    private static final Logger LOG = LoggerFactory.getLogger(ConversationEvents.class);

    private final EventPublisher publisher;
    private final Clock clock;

    public ConversationEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes; a broker failure is logged, not thrown: the escalation is already stored on the conversation. */
    public void escalated(String tenantId, String conversationId, long turn, String reason, String traceparent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", tenantId);
        data.put("conversationId", conversationId);
        data.put("turn", turn);
        data.put("reason", reason);
        String id = UUID.nameUUIDFromBytes((tenantId + "/" + conversationId + "/escalated")
                .getBytes(StandardCharsets.UTF_8)).toString();
        var event = new PlatformEvent(id, SOURCE, ESCALATED, "tenants/" + tenantId + "/conversations/" + conversationId,
                clock.instant(), Json.mapper().valueToTree(data),
                traceparent != null && traceparent.startsWith("00-") ? traceparent : null);
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for conversation {} of tenant {}", ESCALATED, conversationId, tenantId, e);
        }
    }
}
