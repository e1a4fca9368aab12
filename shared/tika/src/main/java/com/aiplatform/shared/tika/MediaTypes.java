package com.aiplatform.shared.tika;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a file is from its bytes (magic numbers, through Tika's detector), with the declared
 * type and file name only as hints. A declared type the bytes contradict is refused with 415
 * ({@code content-type-mismatch}); so is a format the app does not accept.
 */
public final class MediaTypes {

    private static final String OOXML_PREFIX = "application/vnd.openxmlformats-officedocument.";

    /** The documents {@link DocumentReader} reads: text, Markdown, CSV, HTML, PDF, DOCX, XLSX and PPTX. */
    public static final Set<String> DOCUMENTS = Set.of("text/plain", "text/markdown", "text/x-markdown", "text/csv",
            "text/html", "application/xhtml+xml", "application/pdf", OOXML_PREFIX + "wordprocessingml.document",
            OOXML_PREFIX + "spreadsheetml.sheet", OOXML_PREFIX + "presentationml.presentation");

    /** Raster images, by the name clients use. */
    public static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/bmp",
            "image/tiff");

    /** Every type known here, by the name clients use, mapped to Tika's canonical type. */
    private static final Map<String, String> KNOWN = known();

    private static final Set<String> TEXT_FAMILY = Set.of("text/plain", "text/markdown", "text/x-web-markdown",
            "text/html", "application/xhtml+xml", "text/csv");

    private final Map<String, String> supported;

    /** Accepts {@code accepted} (names clients use, from {@link #DOCUMENTS} and {@link #IMAGES}). */
    public MediaTypes(Set<String> accepted) {
        if (!KNOWN.keySet().containsAll(accepted)) {
            throw new IllegalArgumentException("Unknown media types: " + accepted.stream()
                    .filter(type -> !KNOWN.containsKey(type)).sorted().toList());
        }
        var types = new LinkedHashMap<String, String>();
        KNOWN.forEach((name, canonical) -> {
            if (accepted.contains(name)) {
                types.put(name, canonical);
            }
        });
        this.supported = Collections.unmodifiableMap(types);
        TikaDefaults.warmUp();
    }

    /** The accepted media types, by the name clients use, mapped to Tika's canonical type. */
    public Map<String, String> supported() {
        return supported;
    }

    private static Map<String, String> known() {
        var types = new LinkedHashMap<String, String>();
        types.put("text/plain", "text/plain");
        types.put("text/markdown", "text/x-web-markdown");
        types.put("text/x-markdown", "text/x-web-markdown");
        types.put("text/csv", "text/csv");
        types.put("text/html", "text/html");
        types.put("application/xhtml+xml", "application/xhtml+xml");
        types.put("application/pdf", "application/pdf");
        types.put(OOXML_PREFIX + "wordprocessingml.document", OOXML_PREFIX + "wordprocessingml.document");
        types.put(OOXML_PREFIX + "spreadsheetml.sheet", OOXML_PREFIX + "spreadsheetml.sheet");
        types.put(OOXML_PREFIX + "presentationml.presentation", OOXML_PREFIX + "presentationml.presentation");
        types.put("image/png", "image/png");
        types.put("image/jpeg", "image/jpeg");
        types.put("image/jpg", "image/jpeg");
        types.put("image/gif", "image/gif");
        types.put("image/bmp", "image/bmp");
        types.put("image/tiff", "image/tiff");
        return Collections.unmodifiableMap(types);
    }

    /** The media type to read the file as; 415 when unsupported or contradicted by the bytes. */
    public String resolve(byte[] content, String declaredType, Optional<String> fileName) {
        String declared = normalise(declaredType);
        String detected = detect(content, fileName);
        boolean declaredGeneric = declared.isEmpty() || declared.equals("application/octet-stream");
        String declaredCanonical = supported.get(declared);
        if (!declaredGeneric && declaredCanonical == null) {
            throw ProblemException.unsupportedMediaType(declared, supported.keySet());
        }
        if (declaredGeneric) {
            if (!supported.containsValue(detected) && !TEXT_FAMILY.contains(detected)) {
                throw ProblemException.unsupportedMediaType(detected, supported.keySet());
            }
            return TEXT_FAMILY.contains(detected) && !supported.containsValue(detected) ? "text/plain" : detected;
        }
        boolean bothText = TEXT_FAMILY.contains(declaredCanonical) && detected.startsWith("text/");
        boolean zipOfOoxml = declaredCanonical.startsWith(OOXML_PREFIX) && detected.equals("application/zip");
        if (bothText || zipOfOoxml || declaredCanonical.equals(detected)) {
            return declaredCanonical;
        }
        throw new ProblemException(Problem.of(415, "content-type-mismatch",
                "The content does not match its declared type",
                "Declared as " + declared + " but the bytes are " + detected).with("detected", detected));
    }

    private String detect(byte[] content, Optional<String> fileName) {
        Metadata hints = new Metadata();
        fileName.ifPresent(name -> hints.set(TikaCoreProperties.RESOURCE_NAME_KEY, name));
        try (var stream = TikaInputStream.get(content)) {
            return detector().detect(stream, hints).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base type of a Content-Type value, lower case; empty for none. */
    public static String normalise(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        try {
            return MediaType.parse(contentType).getBaseType().toString().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        }
    }

    private static Detector detector() {
        return TikaDefaults.config().getDetector();
    }
}
