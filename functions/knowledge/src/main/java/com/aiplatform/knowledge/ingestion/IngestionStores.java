package com.aiplatform.knowledge.ingestion;

import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.WorkQueue;

/**
 * Where queued ingestions live: their records, the originals waiting in the documents container under
 * {@code ingestions/}, and the queue of jobs that carry only ids.
 */
public record IngestionStores(IngestionRepository records, BlobStore blobs, String container, WorkQueue queue,
                              String queueName) {

    public static String pendingPath(String ingestionId) {
        return "ingestions/" + ingestionId;
    }

    public BlobKey pending(TenantId tenant, Ingestion ingestion) {
        return new BlobKey(container, tenant, ingestion.request().pendingPath());
    }

    public void enqueue(IngestionJob job) {
        queue.send(queueName, Json.write(job));
    }
}
