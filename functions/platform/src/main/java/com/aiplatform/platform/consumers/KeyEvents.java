package com.aiplatform.platform.consumers;

import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The platform app's CloudEvent for a key that stopped working (revoked, or retired by a rotation).
 * Gateways cache what a key resolves to; this event lets them drop the entry at once instead of at the
 * end of their cache time. {@code keyHash} is the SHA-256 the key is stored and cached under (APIM's
 * policy caches {@code subscription-<keyHash>}), never the key.
 */
public final class KeyEvents {

    public static final String SOURCE = "/aiplatform/platform";
    public static final String REVOKED = "AiPlatform.Platform.SubscriptionKeyRevoked";

    private static final Logger LOG = LoggerFactory.getLogger(KeyEvents.class);

    private final EventPublisher publisher;
    private final Clock clock;

    public KeyEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The key hash a {@link #REVOKED} event names. */
    public static String keyHash(PlatformEvent event) {
        return event.data().path("keyHash").asText("");
    }

    /** Publishes; a broker failure is logged, not thrown: the key is revoked already, caches expire on their own. */
    void revoked(Consumer consumer, ConsumerRepository.StoredKey key) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", consumer.tenantId());
        data.put("consumerId", consumer.consumerId());
        data.put("keyId", key.keyId());
        data.put("keyHash", key.hash());
        var event = new PlatformEvent(UUID.randomUUID().toString(), SOURCE, REVOKED,
                "tenants/" + consumer.tenantId() + "/consumers/" + consumer.consumerId() + "/keys/" + key.keyId(),
                clock.instant(), Json.mapper().valueToTree(data), null);
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for key {} of consumer {} in tenant {}: gateways drop it when their cache expires",
                    REVOKED, key.keyId(), consumer.consumerId(), consumer.tenantId(), e);
        }
    }
}
