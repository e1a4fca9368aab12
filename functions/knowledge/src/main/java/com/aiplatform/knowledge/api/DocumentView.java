package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.documents.DocumentRecord;
import com.aiplatform.knowledge.documents.IngestResult;
import com.aiplatform.shared.identity.Readers;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A document as the API shows it. {@code status} is set on ingest responses only. */
record DocumentView(String documentId, String title, String contentType, String contentHash, long version,
                    int chunkCount, long sizeBytes, Map<String, String> metadata, Readers readers, String embeddingModel,
                    Instant createdAt, Instant updatedAt, String status) {

    static DocumentView of(DocumentRecord record) {
        return new DocumentView(record.documentId(), record.title(), record.contentType(), record.contentHash(),
                record.version(), record.chunkCount(), record.sizeBytes(), record.metadata(), record.readers(), record.embeddingModel(),
                record.createdAt(), record.updatedAt(), null);
    }

    static DocumentView of(IngestResult result) {
        DocumentView view = of(result.document());
        return new DocumentView(view.documentId, view.title, view.contentType, view.contentHash, view.version,
                view.chunkCount, view.sizeBytes, view.metadata, view.readers, view.embeddingModel, view.createdAt, view.updatedAt,
                result.outcome().name().toLowerCase(Locale.ROOT));
    }
}
