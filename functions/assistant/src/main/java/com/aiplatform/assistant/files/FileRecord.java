package com.aiplatform.assistant.files;

import java.time.Instant;
import java.util.Map;

/**
 * What the assistant knows about one file: where its original is, what it was declared and detected
 * as, and how its extraction went. {@code error} is the RFC 9457 problem that failed the extraction;
 * {@code etag} is the table row's, for optimistic concurrency.
 */
public record FileRecord(String tenantId, String fileId, String fileName, String declaredType, String mediaType,
                         long sizeBytes, String sha256, String blobPath, FileStatus status, Map<String, Object> error,
                         FileSource source, String consumerId, Instant createdAt, Instant updatedAt, String etag) {

    /** How the file arrived: through the API, or uploaded straight to the container (Event Grid). */
    public enum FileSource { UPLOAD, BLOB_CREATED }

    public FileRecord {
        error = error == null ? null : Map.copyOf(error);
    }

    public boolean isImage() {
        return mediaType != null && mediaType.startsWith("image/");
    }

    public FileRecord with(FileStatus newStatus, String newMediaType, Map<String, Object> newError, Instant now) {
        return new FileRecord(tenantId, fileId, fileName, declaredType, newMediaType, sizeBytes, sha256, blobPath,
                newStatus, newError, source, consumerId, createdAt, now, etag);
    }
}
