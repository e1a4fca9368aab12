package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.tika.TikaDocument;
import com.aiplatform.shared.tika.UnreadableDocumentException;

import java.util.Optional;

/**
 * Reads one original: checks it is neither empty nor too large, decides its type from its bytes, and
 * hands images to the image extractor and everything else to Tika. Every refusal is a 4xx problem; a
 * document Tika cannot read is 422, since the bytes are the caller's and no retry reads them better.
 */
public final class FileReader {

    private final MediaTypes types;
    private final DocumentReader documents;
    private final ImageExtractor images;
    private final long maxBytes;

    public FileReader(MediaTypes types, DocumentReader documents, ImageExtractor images, long maxBytes) {
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
                : document(content, mediaType, fileName);
    }

    private Extraction document(byte[] content, String mediaType, Optional<String> fileName) {
        TikaDocument document;
        try {
            document = documents.read(content, mediaType, fileName);
        } catch (UnreadableDocumentException e) {
            throw refusal(e);
        }
        return new Extraction(document.mediaType(), document.title(),
                document.pages().stream().map(page -> new Extraction.Page(page.number(), page.text())).toList(),
                document.tables().stream().map(table -> new Extraction.Table(table.page(), table.rows())).toList(),
                document.metadata(), document.pageCount(), null, null, null);
    }

    private static ProblemException refusal(UnreadableDocumentException e) {
        Problem problem = switch (e.reason()) {
            case TOO_MUCH_TEXT -> Problem.of(422, "too-much-text", "The file holds too much text", e.getMessage())
                    .with("maxCharacters", e.maxCharacters());
            case DECOMPRESSION_BOMB -> Problem.of(422, "decompression-bomb", "The file inflates too much to read",
                    e.getMessage());
            case CORRUPT -> Problem.of(422, "unreadable-file", "The file cannot be read", e.getMessage());
        };
        return new ProblemException(problem, null, e);
    }
}
