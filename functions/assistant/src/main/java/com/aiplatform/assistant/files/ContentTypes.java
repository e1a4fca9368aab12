package com.aiplatform.assistant.files;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a file is from its bytes (magic numbers, through Tika's detector), with the declared
 * type and file name only as hints. A declared type the bytes contradict is refused with 415
 * ({@code content-type-mismatch}); so is a format the assistant does not read.
 */
public final class ContentTypes {

    /** Supported media types, by the name clients use, mapped to Tika's canonical type. */
    public static final Map<String, String> SUPPORTED = supported();

    private static final Set<String> TEXT_FAMILY = Set.of("text/plain", "text/markdown", "text/x-web-markdown",
            "text/html", "application/xhtml+xml", "text/csv");
    private static final String OOXML = "application/vnd.openxmlformats-officedocument.";

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    private static Map<String, String> supported() {
        var types = new LinkedHashMap<String, String>();
        types.put("text/plain", "text/plain");
        types.put("text/markdown", "text/x-web-markdown");
        types.put("text/x-markdown", "text/x-web-markdown");
        types.put("text/csv", "text/csv");
        types.put("text/html", "text/html");
        types.put("application/xhtml+xml", "application/xhtml+xml");
        types.put("application/pdf", "application/pdf");
        types.put(OOXML + "wordprocessingml.document", OOXML + "wordprocessingml.document");
        types.put(OOXML + "spreadsheetml.sheet", OOXML + "spreadsheetml.sheet");
        types.put(OOXML + "presentationml.presentation", OOXML + "presentationml.presentation");
        types.put("image/png", "image/png");
        types.put("image/jpeg", "image/jpeg");
        types.put("image/jpg", "image/jpeg");
        types.put("image/gif", "image/gif");
        types.put("image/bmp", "image/bmp");
        types.put("image/tiff", "image/tiff");
        return Map.copyOf(types);
    }

    /** The media type to read the file as; 415 when unsupported or contradicted by the bytes. */
    public String resolve(byte[] content, String declaredType, Optional<String> fileName) {
        String declared = normalise(declaredType);
        String detected = detect(content, fileName);
        boolean declaredGeneric = declared.isEmpty() || declared.equals("application/octet-stream");
        String declaredCanonical = SUPPORTED.get(declared);
        if (!declaredGeneric && declaredCanonical == null) {
            throw ProblemException.unsupportedMediaType(declared, SUPPORTED.keySet());
        }
        if (declaredGeneric) {
            if (!SUPPORTED.containsValue(detected) && !TEXT_FAMILY.contains(detected)) {
                throw ProblemException.unsupportedMediaType(detected, SUPPORTED.keySet());
            }
            return TEXT_FAMILY.contains(detected) && !SUPPORTED.containsValue(detected) ? "text/plain" : detected;
        }
        boolean bothText = TEXT_FAMILY.contains(declaredCanonical) && detected.startsWith("text/");
        boolean zipOfOoxml = declaredCanonical.startsWith(OOXML) && detected.equals("application/zip");
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
            return detector.detect(stream, hints).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalise(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        try {
            return MediaType.parse(contentType).getBaseType().toString().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        }
    }
}
