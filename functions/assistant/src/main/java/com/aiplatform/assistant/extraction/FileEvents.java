package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.FileRecord;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code AiPlatform.Assistant.FileExtracted}: a file's extraction finished, ready or failed. The event
 * names the file; subscribers fetch the content through the API, it never travels in the event.
 * Publishing is best effort: the record, not the event, is the truth about a file's status.
 */
public final class FileEvents {

    public static final String SOURCE = "/aiplatform/assistant";
    public static final String EXTRACTED = "AiPlatform.Assistant.FileExtracted";

    private static final Logger LOG = LoggerFactory.getLogger(FileEvents.class);

    private final EventPublisher publisher;
    private final Clock clock;

    public FileEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    void extracted(FileRecord record, String traceparent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", record.tenantId());
        data.put("fileId", record.fileId());
        data.put("status", record.status().wire());
        data.put("mediaType", record.mediaType());
        data.put("sizeBytes", record.sizeBytes());
        String id = record.fileId() + "-" + record.status().wire();
        try {
            publisher.publish(new PlatformEvent(id, SOURCE, EXTRACTED,
                    "tenants/" + record.tenantId() + "/files/" + record.fileId(), clock.instant(),
                    Json.mapper().valueToTree(data), traceparent));
        } catch (RuntimeException e) {
            LOG.warn("Could not publish {} for file {} of tenant {}: {}", EXTRACTED, record.fileId(),
                    record.tenantId(), e.toString());
        }
    }
}
