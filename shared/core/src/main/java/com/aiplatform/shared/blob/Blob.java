package com.aiplatform.shared.blob;

import java.util.Map;

/** A blob's content and what was stored with it. */
public record Blob(BlobKey key, byte[] content, String contentType, Map<String, String> metadata) {

    public Blob {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
