package com.aiplatform.knowledge.ingestion;

import com.aiplatform.shared.identity.Readers;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One document ingested off the request path: what was sent (its original waits at {@code pendingPath}), how
 * far the work got ({@code characters} once extracted, {@code chunksEmbedded} of {@code chunksTotal}), the
 * generation the current attempt writes under, and how it ended ({@code outcome} or {@code error}).
 * {@code etag} is the table row's.
 */
public record Ingestion(String tenantId, String ingestionId, String documentId, String consumerId,
                        IngestionState state, Request request, Progress progress, String generation,
                        String outcome, Map<String, Object> error, Instant createdAt, Instant updatedAt,
                        String etag) {

    /**
     * The document as the client sent it, less its bytes, with the readers it gets (decided when it was submitted)
     * and the groups the submitting consumer had then, which the queued attempt acts with.
     */
    public record Request(String contentType, Optional<String> title, Optional<String> fileName,
                          Map<String, String> metadata, long sizeBytes, String pendingPath, Readers readers,
                          Set<String> submitterGroups) {
        public Request {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            readers = readers == null ? Readers.NONE : readers;
            submitterGroups = submitterGroups == null ? Set.of() : Set.copyOf(submitterGroups);
        }
    }

    /** {@code characters} is -1 until the text is extracted; the chunk counts are 0 until it is chunked. */
    public record Progress(int characters, int chunksEmbedded, int chunksTotal) {
        public static final Progress NONE = new Progress(-1, 0, 0);

        public boolean extracted() {
            return characters >= 0;
        }
    }

    public Ingestion with(IngestionState newState, Progress newProgress, Instant now) {
        return new Ingestion(tenantId, ingestionId, documentId, consumerId, newState, request, newProgress, generation,
                outcome, error, createdAt, now, etag);
    }

    public Ingestion withGeneration(String newGeneration, Instant now) {
        return new Ingestion(tenantId, ingestionId, documentId, consumerId, state, request, progress, newGeneration,
                outcome, error, createdAt, now, etag);
    }

    public Ingestion ended(IngestionState end, String newOutcome, Map<String, Object> newError, Instant now) {
        return new Ingestion(tenantId, ingestionId, documentId, consumerId, end, request, progress, generation,
                newOutcome, newError, createdAt, now, etag);
    }
}
