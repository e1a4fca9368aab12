package com.aiplatform.shared.tika;

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
 * Reads PDF, Office, HTML and text files with Apache Tika into pages, tables and metadata, or throws
 * {@link UnreadableDocumentException} saying why it cannot (too much text, a decompression bomb, corrupt). Office
 * containers are inflated once, counting, before any parser sees them (see {@link ZipBombCheck}). Embedded
 * documents (images in a DOCX, attachments in a PDF) are not opened: they are not needed to answer
 * from the text, and each one is another chance for a bomb. Whatever Tika spills to disk goes to the
 * scratch directory and is deleted when the parse ends, failed or not.
 */
public final class DocumentReader {

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

    private final int maxCharacters;
    private final Path scratchDir;
    private final ZipBombCheck zipBombs;

    public DocumentReader(int maxCharacters, Path scratchDir) {
        this.maxCharacters = maxCharacters;
        this.scratchDir = scratchDir;
        // XML markup around the text rarely passes ten times its characters; past that, it is not a document.
        this.zipBombs = new ZipBombCheck(MAX_INFLATE_RATIO, Math.max(64L * 1024 * 1024, 10L * maxCharacters));
        TikaDefaults.warmUp();
    }

    /** Reads {@code content} as {@code mediaType} (resolve it with {@link MediaTypes} first). */
    public TikaDocument read(byte[] content, String mediaType, Optional<String> fileName) {
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
            // A parser over the loaded configuration costs a few milliseconds; one per read shares no state.
            new AutoDetectParser(TikaDefaults.config()).parse(stream, handler, metadata, context);
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw failure(mediaType, e);
        }
        Integer pageCount = pageCount(metadata, handler);
        return new TikaDocument(mediaType, title(metadata), handler.pages(), handler.tables(),
                TikaMetadata.toMap(metadata), pageCount);
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

    private UnreadableDocumentException failure(String mediaType, Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PagedContentHandler.TextLimitException) {
                return new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_MUCH_TEXT, mediaType,
                        maxCharacters, "The file extracts to more than " + maxCharacters + " characters", cause);
            }
        }
        if (isBomb(cause)) {
            return new UnreadableDocumentException(UnreadableDocumentException.Reason.DECOMPRESSION_BOMB, mediaType,
                    maxCharacters, "The " + mediaType + " file expands far beyond its size when decompressed", cause);
        }
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPT, mediaType, maxCharacters,
                "The " + mediaType + " file is corrupt or cannot be parsed", cause);
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
