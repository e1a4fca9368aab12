package com.aiplatform.assistant.files;

import java.util.List;
import java.util.Map;

/**
 * What was read from a file: its text by page (one page for formats without pages), tables as rows of
 * cells, the format's metadata, the page count when the format has pages, for images their header and
 * EXIF, how OCR went, and the chunks (with their embeddings) that questions are answered from. Stored as
 * one JSON blob next to the original, never in a queue message or an event.
 */
public record Extraction(String mediaType, String title, List<Page> pages, List<Table> tables,
                         Map<String, String> metadata, Integer pageCount, ImageInfo image, Ocr ocr,
                         List<Chunk> chunks) {

    public Extraction {
        pages = pages == null ? List.of() : List.copyOf(pages);
        tables = tables == null ? List.of() : List.copyOf(tables);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** One page's text; {@code number} counts from 1. */
    public record Page(int number, String text) {
    }

    /** A table as rows of cell texts, with the page it is on when known. */
    public record Table(Integer page, List<List<String>> rows) {
    }

    /** An image's format and size from its header, and its EXIF tags by name. */
    public record ImageInfo(String format, int width, int height, Map<String, String> exif) {
    }

    /**
     * How optical character recognition went: {@code recognised}, {@code no-text}, {@code unavailable}
     * (no engine installed or configured) or {@code failed}; {@code engine} names it when one ran.
     */
    public record Ocr(String status, String engine) {
    }

    /** A passage to answer from, with the page it comes from (null when the format has no pages). */
    public record Chunk(int index, Integer page, String text, float[] vector) {
    }

    /** The whole text, pages separated by blank lines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Page page : pages) {
            if (!page.text().isBlank()) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(page.text());
            }
        }
        return text.toString();
    }

    public Extraction withChunks(List<Chunk> newChunks) {
        return new Extraction(mediaType, title, pages, tables, metadata, pageCount, image, ocr, newChunks);
    }
}
