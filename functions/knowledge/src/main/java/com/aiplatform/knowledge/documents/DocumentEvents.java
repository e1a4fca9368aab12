package com.aiplatform.knowledge.documents;

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
 * The knowledge app's CloudEvents: a document was ingested (or re-ingested) or deleted. The data carries the
 * document's readers, so that a subscriber acting for users (an index, a notifier) shows it only to them.
 */
public final class DocumentEvents {

    public static final String SOURCE = "/aiplatform/knowledge";
    public static final String INGESTED = "AiPlatform.Knowledge.DocumentIngested";
    public static final String DELETED = "AiPlatform.Knowledge.DocumentDeleted";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentEvents.class);

    private final EventPublisher publisher;
    private final Clock clock;

    public DocumentEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes; returns false (and logs) when the broker refused, so the caller can record it. */
    public boolean ingested(DocumentRecord record, String traceparent) {
        return publish(INGESTED, record, traceparent);
    }

    public boolean deleted(DocumentRecord record, String traceparent) {
        return publish(DELETED, record, traceparent);
    }

    private boolean publish(String type, DocumentRecord record, String traceparent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentId", record.documentId());
        data.put("version", record.version());
        data.put("contentHash", record.contentHash());
        data.put("tenantId", record.tenantId());
        data.put("chunkCount", record.chunkCount());
        data.put("embeddingModel", record.embeddingModel());
        data.put("title", record.title());
        data.put("readers", record.readers());
        var event = new PlatformEvent(UUID.randomUUID().toString(), SOURCE, type,
                "tenants/" + record.tenantId() + "/documents/" + record.documentId(), clock.instant(),
                Json.mapper().valueToTree(data), traceparent);
        try {
            publisher.publish(event);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for document {} of tenant {}", type, record.documentId(),
                    record.tenantId(), e);
            return false;
        }
    }
}
