package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads PDF, Office, HTML and text files with Apache Tika into pages, tables and metadata. Embedded
 * documents (images in a DOCX, attachments in a PDF) are not opened: they are not needed to answer
 * from the text, and each one is another chance for a bomb. Whatever Tika spills to disk goes to the
 * scratch directory and is deleted when the parse ends, failed or not.
 */
public final class DocumentExtractor {

    private static final EmbeddedDocumentExtractor SKIP_EMBEDDED = new EmbeddedDocumentExtractor() {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
        }
    };

    /** POI's own minimum inflate ratio is 1 %; an Office file inflating 100 times is refused before parsing. */
    private static final int MAX_INFLATE_RATIO = 100;

    private final AutoDetectParser parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
    private final int maxCharacters;
    private final Path scratchDir;
    private final ZipBombCheck zipBombs;

    public DocumentExtractor(int maxCharacters, Path scratchDir) {
        this.maxCharacters = maxCharacters;
        this.scratchDir = scratchDir;
        // XML markup around the text rarely passes ten times its characters; past that, it is not a document.
        this.zipBombs = new ZipBombCheck(MAX_INFLATE_RATIO, Math.max(64L * 1024 * 1024, 10L * maxCharacters));
    }

    public Extraction extract(byte[] content, String mediaType, Optional<String> fileName) {
        if (mediaType.startsWith("application/vnd.openxmlformats-officedocument.")) {
            zipBombs.check(content, mediaType);
        }
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        fileName.ifPresent(name -> metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name));
        var handler = new PagedContentHandler(maxCharacters);
        ParseContext context = new ParseContext();
        context.set(EmbeddedDocumentExtractor.class, SKIP_EMBEDDED);
        try (TemporaryResources scratch = scratch();
             TikaInputStream stream = TikaInputStream.get(new ByteArrayInputStream(content), scratch, metadata)) {
            parser.parse(stream, handler, metadata, context);
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw failure(mediaType, e);
        }
        Integer pageCount = pageCount(metadata, handler);
        return new Extraction(mediaType, title(metadata), handler.pages(), handler.tables(),
                TikaMetadata.toMap(metadata), pageCount, null, null, null);
    }

    private TemporaryResources scratch() throws IOException {
        Files.createDirectories(scratchDir);
        TemporaryResources resources = new TemporaryResources();
        resources.setTemporaryFileDirectory(scratchDir);
        return resources;
    }

    private static Integer pageCount(Metadata metadata, PagedContentHandler handler) {
        for (String name : new String[] {"xmpTPg:NPages", "meta:page-count", "meta:slide-count"}) {
            String value = metadata.get(name);
            if (value != null && value.strip().matches("\\d{1,7}")) {
                return Integer.parseInt(value.strip());
            }
        }
        return handler.hasExplicitPages() ? handler.pages().size() : null;
    }

    private static String title(Metadata metadata) {
        String title = metadata.get(TikaCoreProperties.TITLE);
        return title == null || title.isBlank() ? null : title.strip();
    }

    /** 422 in every case: the bytes are the caller's, and no retry will read them better. */
    private ProblemException failure(String mediaType, Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PagedContentHandler.TextLimitException) {
                return new ProblemException(Problem.of(422, "too-much-text", "The file holds too much text",
                        "The file extracts to more than " + maxCharacters + " characters")
                        .with("maxCharacters", maxCharacters));
            }
        }
        if (isBomb(cause)) {
            return new ProblemException(Problem.of(422, "decompression-bomb", "The file inflates too much to read",
                    "The " + mediaType + " file expands far beyond its size when decompressed"), null, cause);
        }
        return new ProblemException(Problem.of(422, "unreadable-file", "The file cannot be read",
                "The " + mediaType + " file is corrupt or cannot be parsed"), null, cause);
    }

    private static boolean isBomb(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("inflate ratio")
                    || message.contains("exceeds the maximum")) {
                return true;
            }
        }
        return false;
    }
}
