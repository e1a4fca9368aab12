package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.identity.Readers;

import java.util.Map;
import java.util.Optional;

/**
 * A document as the client sent it: its bytes and declared content type, an optional id (otherwise
 * one is derived from the content hash), title, file name, filterable metadata and readers (when none are
 * given, {@link DocumentService#readersOf} decides: the ingesting consumer only).
 */
public record DocumentUpload(byte[] content, String contentType, Optional<String> documentId, Optional<String> title,
                             Optional<String> fileName, Map<String, String> metadata, Optional<Readers> readers) {

    public DocumentUpload {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        readers = readers == null ? Optional.empty() : readers;
    }

    /** A document sent without readers. */
    public DocumentUpload(byte[] content, String contentType, Optional<String> documentId, Optional<String> title,
                          Optional<String> fileName, Map<String, String> metadata) {
        this(content, contentType, documentId, title, fileName, metadata, Optional.empty());
    }
}
