package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts text from the supported formats with Apache Tika. The media type is detected from the
 * bytes (magic numbers) with the declared type and file name as hints; a declared type the bytes
 * contradict, or a format we do not index, is refused with 415; a file Tika cannot parse with 400.
 */
public final class TextExtractor {

    /** Supported media types, by the name clients use, mapped to Tika's canonical type. */
    public static final Map<String, String> SUPPORTED = supported();

    private static final Set<String> TEXT_FAMILY = Set.of("text/plain", "text/markdown", "text/x-web-markdown",
            "text/html", "application/xhtml+xml");

    private final Detector detector;
    private final AutoDetectParser parser;
    private final int maxCharacters;

    public TextExtractor(int maxCharacters) {
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.parser = new AutoDetectParser(config);
        this.maxCharacters = maxCharacters;
    }

    private static Map<String, String> supported() {
        var types = new LinkedHashMap<String, String>();
        types.put("text/plain", "text/plain");
        types.put("text/markdown", "text/x-web-markdown");
        types.put("text/x-markdown", "text/x-web-markdown");
        types.put("text/html", "text/html");
        types.put("application/xhtml+xml", "application/xhtml+xml");
        types.put("application/pdf", "application/pdf");
        types.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        return Map.copyOf(types);
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
        String declared = normalise(declaredType);
        return reconcile(declared, detect(content, declared, fileName));
    }

    public ExtractedText extract(byte[] content, String declaredType, Optional<String> fileName) {
        String mediaType = mediaTypeOf(content, declaredType, fileName);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        fileName.ifPresent(name -> metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name));
        var handler = new BodyContentHandler(maxCharacters);
        try (var stream = TikaInputStream.get(content)) {
            parser.parse(stream, handler, metadata, new ParseContext());
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw unparsable(mediaType, e);
            }
            throw ProblemException.payloadTooLarge(maxCharacters);
        } catch (TikaException | RuntimeException e) {
            throw unparsable(mediaType, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = handler.toString().strip();
        if (text.isEmpty()) {
            throw ProblemException.badRequest("The document contains no text to index");
        }
        Optional<String> title = Optional.ofNullable(metadata.get(TikaCoreProperties.TITLE))
                .map(String::strip).filter(t -> !t.isEmpty());
        return new ExtractedText(text, title, mediaType);
    }

    private String detect(byte[] content, String declared, Optional<String> fileName) {
        Metadata hints = new Metadata();
        fileName.ifPresent(name -> hints.set(TikaCoreProperties.RESOURCE_NAME_KEY, name));
        try (var stream = TikaInputStream.get(content)) {
            return detector.detect(stream, hints).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decides the type to parse as: the bytes win, the declaration may only refine within plain text. */
    private static String reconcile(String declared, String detected) {
        boolean declaredGeneric = declared.isEmpty() || declared.equals("application/octet-stream");
        String declaredCanonical = SUPPORTED.get(declared);
        if (!declaredGeneric && declaredCanonical == null) {
            throw ProblemException.unsupportedMediaType(declared, SUPPORTED.keySet());
        }
        if (declaredGeneric) {
            if (!SUPPORTED.containsValue(detected) && !TEXT_FAMILY.contains(detected)) {
                throw ProblemException.unsupportedMediaType(detected, SUPPORTED.keySet());
            }
            return detected;
        }
        boolean bothText = TEXT_FAMILY.contains(declaredCanonical) && detected.startsWith("text/");
        if (bothText || declaredCanonical.equals(detected) || isZipContainer(detected, declaredCanonical)) {
            return declaredCanonical;
        }
        throw new ProblemException(Problem.of(415, "content-type-mismatch",
                "The content does not match its declared type",
                "Declared as " + declared + " but the bytes are " + detected).with("detected", detected));
    }

    private static boolean isZipContainer(String detected, String declaredCanonical) {
        // Without the file name, Tika may only see the ZIP container of a DOCX.
        return declaredCanonical.startsWith("application/vnd.openxmlformats") && detected.equals("application/zip");
    }

    private static String normalise(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        try {
            return MediaType.parse(contentType).getBaseType().toString().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        }
    }

    private static ProblemException unparsable(String mediaType, Exception cause) {
        return new ProblemException(Problem.of(400, "unparsable-document",
                "The document cannot be read", "The " + mediaType + " file is corrupt or cannot be parsed"),
                null, cause);
    }
}
