package com.aiplatform.knowledge.documents;

import java.util.Map;
import java.util.Optional;

/**
 * A document as the client sent it: its bytes and declared content type, an optional id (otherwise
 * one is derived from the content hash), title, file name and filterable metadata.
 */
public record DocumentUpload(byte[] content, String contentType, Optional<String> documentId, Optional<String> title,
                             Optional<String> fileName, Map<String, String> metadata) {

    public DocumentUpload {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
