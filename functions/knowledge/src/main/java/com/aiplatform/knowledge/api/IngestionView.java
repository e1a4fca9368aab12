package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.ingestion.Ingestion;

import java.time.Instant;
import java.util.Map;

/** An ingestion as the API shows it; {@code document} is the document's location once it is done. */
record IngestionView(String ingestionId, String documentId, String state, Progress progress, String outcome,
                     String document, Map<String, Object> error, String location, Instant createdAt,
                     Instant updatedAt) {

    record Progress(boolean extracted, Integer characters, int chunksEmbedded, int chunksTotal) {
    }

    static String location(String ingestionId) {
        return "/api/v1/knowledge/ingestions/" + ingestionId;
    }

    static IngestionView of(Ingestion ingestion) {
        Ingestion.Progress progress = ingestion.progress();
        boolean done = ingestion.outcome() != null;
        return new IngestionView(ingestion.ingestionId(), ingestion.documentId(), ingestion.state().wire(),
                new Progress(progress.extracted(), progress.extracted() ? progress.characters() : null,
                        progress.chunksEmbedded(), progress.chunksTotal()),
                ingestion.outcome(), done ? "/api/v1/knowledge/documents/" + ingestion.documentId() : null,
                ingestion.error(), location(ingestion.ingestionId()), ingestion.createdAt(), ingestion.updatedAt());
    }
}
