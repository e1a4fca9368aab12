package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.ImageHeaders;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifThumbnailDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an image without decoding it here: format and size from the header (after the pixel limit),
 * EXIF tags through metadata-extractor, and the printed text through OCR when an engine is available.
 * OCR trouble never fails the file: the image is still answerable from its metadata.
 */
public final class ImageExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(ImageExtractor.class);
    private static final int MAX_TAGS = 100;
    private static final int MAX_VALUE_LENGTH = 300;

    private final ImageHeaders headers;
    private final OcrEngine ocr;

    public ImageExtractor(ImageHeaders headers, OcrEngine ocr) {
        this.headers = headers;
        this.ocr = ocr;
    }

    public Extraction extract(byte[] content, String mediaType) {
        ImageHeaders.Header header = headers.check(content, mediaType);
        var image = new Extraction.ImageInfo(header.format(), header.width(), header.height(), exif(content));
        String text = "";
        Extraction.Ocr outcome;
        if (!ocr.available()) {
            outcome = new Extraction.Ocr("unavailable", null);
        } else {
            try {
                text = ocr.recognise(content);
                outcome = new Extraction.Ocr(text.isBlank() ? "no-text" : "recognised", ocr.name());
            } catch (OcrEngine.OcrFailedException e) {
                LOG.warn("OCR failed on a {} image: {}", mediaType, e.getMessage());
                outcome = new Extraction.Ocr("failed", ocr.name());
            }
        }
        List<Extraction.Page> pages = text.isBlank() ? List.of() : List.of(new Extraction.Page(1, text));
        return new Extraction(mediaType, null, pages, List.of(), Map.of(), null, image, outcome, List.of());
    }

    private static Map<String, String> exif(byte[] content) {
        Map<String, String> tags = new TreeMap<>();
        try {
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(content), content.length);
            for (Directory directory : metadata.getDirectories()) {
                if (!(directory instanceof ExifDirectoryBase) || directory instanceof ExifThumbnailDirectory) {
                    continue;
                }
                for (Tag tag : directory.getTags()) {
                    String value = tag.getDescription();
                    if (value != null && !value.isBlank() && tags.size() < MAX_TAGS) {
                        tags.putIfAbsent(tag.getTagName(), value.length() > MAX_VALUE_LENGTH
                                ? value.substring(0, MAX_VALUE_LENGTH) : value.strip());
                    }
                }
            }
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            LOG.debug("No EXIF read: {}", e.toString());
        }
        return tags;
    }
}
