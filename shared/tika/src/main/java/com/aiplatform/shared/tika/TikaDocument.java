package com.aiplatform.shared.tika;

import java.util.List;
import java.util.Map;

/**
 * What Tika read from a document: its text by page (one page for formats without pages), its tables as rows of
 * cells, the format's metadata (bounded), and the page count when the format has pages.
 */
public record TikaDocument(String mediaType, String title, List<Page> pages, List<Table> tables,
                           Map<String, String> metadata, Integer pageCount) {

    public TikaDocument {
        pages = List.copyOf(pages);
        tables = List.copyOf(tables);
        metadata = Map.copyOf(metadata);
    }

    /** One page's text; {@code number} counts from 1. */
    public record Page(int number, String text) {
    }

    /** A table as rows of cell texts, with the page it is on when the format has pages. */
    public record Table(Integer page, List<List<String>> rows) {
    }

    /** The whole text, non-blank pages separated by blank lines. */
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
}
