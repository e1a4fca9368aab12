package com.aiplatform.assistant.files;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;

/**
 * An extraction queue message: which file, for whom, and the trace it belongs to. Never the file:
 * the extraction reads the original from Blob storage.
 */
public record ExtractionJob(String tenantId, String fileId, String traceparent) {

    public static ExtractionJob parse(String message) {
        try {
            ExtractionJob job = Json.mapper().readValue(message, ExtractionJob.class);
            if (job.tenantId() == null || !FileIds.isValid(job.fileId())) {
                throw new IllegalArgumentException("An extraction job needs a tenantId and a fileId: " + message);
            }
            return job;
        } catch (java.io.IOException | ProblemException e) {
            throw new IllegalArgumentException("Not an extraction job: " + message, e);
        }
    }
}
