package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.ContentTypes;
import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.shared.problem.ProblemException;

import java.util.Optional;

/**
 * Reads one original: checks it is neither empty nor too large, decides its type from its bytes, and
 * hands images to the image extractor and everything else to Tika. Every refusal is a 4xx problem.
 */
public final class FileReader {

    private final ContentTypes types;
    private final DocumentExtractor documents;
    private final ImageExtractor images;
    private final long maxBytes;

    public FileReader(ContentTypes types, DocumentExtractor documents, ImageExtractor images, long maxBytes) {
        this.types = types;
        this.documents = documents;
        this.images = images;
        this.maxBytes = maxBytes;
    }

    public Extraction read(byte[] content, String declaredType, Optional<String> fileName) {
        if (content.length == 0) {
            throw ProblemException.badRequest("The file is empty");
        }
        if (content.length > maxBytes) {
            throw ProblemException.payloadTooLarge(maxBytes);
        }
        String mediaType = types.resolve(content, declaredType, fileName);
        return mediaType.startsWith("image/") ? images.extract(content, mediaType)
                : documents.extract(content, mediaType, fileName);
    }
}
