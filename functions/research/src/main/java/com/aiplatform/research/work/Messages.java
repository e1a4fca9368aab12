package com.aiplatform.research.work;

import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.telemetry.TraceContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes and reads the research queues' messages: JSON with a W3C {@code traceparent}. A body larger than
 * {@code inlineMaxBytes} goes to Blob storage under the tenant, and the message carries only its
 * reference ({@code payloadRef}) and the trace context; storage queues cap a message at 64 KB.
 * Spilled payloads are not deleted on receipt, because a message may be delivered again; a lifecycle
 * rule on the container's {@code messages/} prefix removes them.
 */
public final class Messages {

    static final String PAYLOAD_REF = "payloadRef";

    private final WorkQueue queue;
    private final BlobStore blobs;
    private final String container;
    private final int inlineMaxBytes;

    public Messages(WorkQueue queue, BlobStore blobs, String container, int inlineMaxBytes) {
        this.queue = queue;
        this.blobs = blobs;
        this.container = container;
        this.inlineMaxBytes = Math.min(inlineMaxBytes, WorkQueue.MAX_MESSAGE_BYTES);
    }

    public void send(String queueName, WorkMessage message) {
        ObjectNode body = Json.mapper().valueToTree(message);
        if (message.traceparent() == null) {
            TraceContext.stamp(body);
        }
        byte[] bytes = Json.writeBytes(body);
        if (bytes.length <= inlineMaxBytes) {
            queue.send(queueName, new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        BlobKey key = new BlobKey(container, TenantId.of(message.tenant()), "messages/" + UUID.randomUUID() + ".json");
        blobs.upsert(key, bytes, "application/json", Map.of());
        ObjectNode reference = Json.mapper().createObjectNode();
        reference.put(PAYLOAD_REF, key.path());
        reference.put("tenant", message.tenant());
        reference.put(TraceContext.TRACEPARENT, body.path(TraceContext.TRACEPARENT).asText());
        queue.send(queueName, Json.write(reference));
    }

    /** The message a queue body carries, fetching it from Blob storage when the body is a reference. */
    public WorkMessage read(String body) {
        JsonNode node = Json.tree(body);
        if (node.hasNonNull(PAYLOAD_REF)) {
            BlobKey key = new BlobKey(container, TenantId.of(node.path("tenant").asText()), node.get(PAYLOAD_REF).asText());
            byte[] payload = blobs.get(key).orElseThrow(() -> new IllegalStateException(
                    "Message payload " + key.name() + " is missing from container " + container)).content();
            return Json.read(new String(payload, StandardCharsets.UTF_8), WorkMessage.class);
        }
        return Json.read(body, WorkMessage.class);
    }
}
