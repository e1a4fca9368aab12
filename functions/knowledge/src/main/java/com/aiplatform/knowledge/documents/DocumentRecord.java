package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.identity.Readers;

import java.time.Instant;
import java.util.Map;

/**
 * What the knowledge app knows about one ingested document: its current version and where its
 * original and chunks are. {@code eventPending} is set until its DocumentIngested event is
 * published, so a retry publishes what a crash or a broker outage held back. {@code etag} is the
 * table row's, for optimistic concurrency. {@code readers} decide who of the tenant sees the document (and its
 * chunks, which carry the same readers); a record written before readers existed has {@link Readers#NONE}.
 */
public record DocumentRecord(String tenantId, String documentId, String title, String contentType, String contentHash,
                             long version, int chunkCount, long sizeBytes, String blobPath,
                             Map<String, String> metadata, Readers readers, String embeddingModel, Instant createdAt,
                             Instant updatedAt, boolean eventPending, String etag) {

    public DocumentRecord {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        readers = readers == null ? Readers.NONE : readers;
    }

    public DocumentRecord withEventPending(boolean pending, String newEtag) {
        return new DocumentRecord(tenantId, documentId, title, contentType, contentHash, version, chunkCount,
                sizeBytes, blobPath, metadata, readers, embeddingModel, createdAt, updatedAt, pending, newEtag);
    }
}
