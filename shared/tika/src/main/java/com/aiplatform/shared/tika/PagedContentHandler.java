package com.aiplatform.shared.tika;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects Tika's XHTML output into pages and tables. Tika marks each PDF page (and each spreadsheet
 * sheet) with {@code <div class="page">} and each slide with {@code <div class="slide-content">}; text
 * outside any such div is page 1. Stops with {@link TextLimitException} past {@code maxCharacters},
 * which is what makes a document that inflates to endless text (a zip bomb of XML) fail fast.
 */
final class PagedContentHandler extends DefaultHandler {

    /** Thrown through the parser when the text limit is reached. */
    static final class TextLimitException extends SAXException {
        TextLimitException(int limit) {
            super("More than " + limit + " characters of text");
        }
    }

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
            "br", "table", "title", "pre", "blockquote");
    private static final int MAX_TABLES = 200;
    private static final int MAX_ROWS = 2000;

    private final int maxCharacters;
    private final List<StringBuilder> pages = new ArrayList<>();
    private final List<TikaDocument.Table> tables = new ArrayList<>();
    private boolean explicitPages;
    private int characters;
    private int ignoreDepth;
    private List<List<String>> rows;
    private List<String> row;
    private StringBuilder cell;

    PagedContentHandler(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = localName.isEmpty() ? qName : localName;
        String cssClass = attributes.getValue("class");
        if (name.equals("head") || name.equals("script") || name.equals("style")) {
            ignoreDepth++;
        } else if (name.equals("div") && ("page".equals(cssClass) || "slide-content".equals(cssClass))) {
            if (!explicitPages && !pages.isEmpty() && pages.get(0).toString().isBlank()) {
                pages.clear();
            }
            explicitPages = true;
            pages.add(new StringBuilder());
        } else if (name.equals("table")) {
            rows = new ArrayList<>();
        } else if (name.equals("tr") && rows != null) {
            row = new ArrayList<>();
        } else if ((name.equals("td") || name.equals("th")) && row != null) {
            cell = new StringBuilder();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        if (name.equals("head") || name.equals("script") || name.equals("style")) {
            ignoreDepth = Math.max(0, ignoreDepth - 1);
            return;
        }
        if ((name.equals("td") || name.equals("th")) && cell != null && row != null) {
            row.add(cell.toString().strip());
            cell = null;
            append("\t");
        } else if (name.equals("tr") && row != null && rows != null) {
            if (rows.size() < MAX_ROWS && row.stream().anyMatch(c -> !c.isEmpty())) {
                rows.add(List.copyOf(row));
            }
            row = null;
        } else if (name.equals("table") && rows != null) {
            if (!rows.isEmpty() && tables.size() < MAX_TABLES) {
                tables.add(new TikaDocument.Table(explicitPages ? pages.size() : null, List.copyOf(rows)));
            }
            rows = null;
        }
        if (BLOCKS.contains(name)) {
            append("\n");
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (ignoreDepth > 0) {
            return;
        }
        characters += length;
        if (characters > maxCharacters) {
            throw new TextLimitException(maxCharacters);
        }
        String text = new String(ch, start, length);
        append(text);
        if (cell != null) {
            cell.append(text);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        append(new String(ch, start, length));
    }

    private void append(String text) {
        if (pages.isEmpty()) {
            pages.add(new StringBuilder());
        }
        pages.get(pages.size() - 1).append(text);
    }

    /** Pages with their whitespace tidied; numbered from 1. */
    List<TikaDocument.Page> pages() {
        List<TikaDocument.Page> result = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            result.add(new TikaDocument.Page(i + 1, tidy(pages.get(i).toString())));
        }
        return result;
    }

    boolean hasExplicitPages() {
        return explicitPages;
    }

    List<TikaDocument.Table> tables() {
        return List.copyOf(tables);
    }

    private static String tidy(String text) {
        return text.replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
