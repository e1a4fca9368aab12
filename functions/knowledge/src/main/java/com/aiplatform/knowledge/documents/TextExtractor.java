package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.tika.TikaDocument;
import com.aiplatform.shared.tika.UnreadableDocumentException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of a document to index, read with shared/tika: the media type is decided from the bytes (magic
 * numbers) with the declared type and file name as hints; a declared type the bytes contradict, or a format
 * we do not index, is refused with 415; more text than the limit with 413; a file that cannot be read (corrupt,
 * or an Office container that inflates too much) with 400.
 */
public final class TextExtractor {

    private final MediaTypes types = new MediaTypes(MediaTypes.DOCUMENTS);
    private final DocumentReader reader;

    public TextExtractor(int maxCharacters) {
        this.reader = new DocumentReader(maxCharacters,
                Path.of(System.getProperty("java.io.tmpdir"), "aiplatform-knowledge-extraction"));
    }

    /**
     * The type the document will be parsed as, from its first bytes and its declaration, without parsing it:
     * cheap enough for the request path. A 400 when it is empty, a 415 when the type is unsupported or the
     * bytes contradict it.
     */
    public String mediaTypeOf(byte[] content, String declaredType, Optional<String> fileName) {
        if (content.length == 0) {
            throw ProblemException.badRequest("The document is empty");
        }
        return types.resolve(content, declaredType, fileName);
    }

    public ExtractedText extract(byte[] content, String declaredType, Optional<String> fileName) {
        String mediaType = mediaTypeOf(content, declaredType, fileName);
        TikaDocument document;
        try {
            document = reader.read(content, mediaType, fileName);
        } catch (UnreadableDocumentException e) {
            throw refusal(e);
        }
        String text = document.text().strip();
        if (text.isEmpty()) {
            throw ProblemException.badRequest("The document contains no text to index");
        }
        return new ExtractedText(text, Optional.ofNullable(document.title()), mediaType);
    }

    private static ProblemException refusal(UnreadableDocumentException e) {
        if (e.reason() == UnreadableDocumentException.Reason.TOO_MUCH_TEXT) {
            return ProblemException.payloadTooLarge(e.maxCharacters());
        }
        return new ProblemException(Problem.of(400, "unparsable-document", "The document cannot be read",
                e.getMessage()), null, e);
    }
}
