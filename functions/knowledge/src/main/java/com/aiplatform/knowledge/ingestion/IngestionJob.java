package com.aiplatform.knowledge.ingestion;

import com.aiplatform.shared.json.Json;

/**
 * An ingestion queue message: which ingestion, for whom, and the trace it belongs to. Never the document:
 * the worker reads the original from Blob storage.
 */
public record IngestionJob(String tenantId, String ingestionId, String traceparent) {

    public static IngestionJob parse(String message) {
        try {
            IngestionJob job = Json.mapper().readValue(message, IngestionJob.class);
            if (job.tenantId() == null || job.tenantId().isBlank() || !IngestionIds.isValid(job.ingestionId())) {
                throw new IllegalArgumentException("An ingestion job needs a tenantId and an ingestionId: " + message);
            }
            return job;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not an ingestion job: " + message, e);
        }
    }
}
