package com.aiplatform.shared.llm.extractive;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a passage into sentences: every line on its own (headings and list items rarely end with a full
 * stop), then the JDK's sentence boundaries within a line, re-joined where a break followed a common
 * abbreviation such as "e.g." or "Dr.". Markdown heading and list markers are dropped.
 */
public final class Sentences {

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern MARKER = Pattern.compile("^(#{1,6}\\s+|[-*+>]\\s+|\\d{1,3}[.)]\\s+)+");
    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "prof.", "inc.", "ltd.", "co.", "no.",
            "fig.", "st.", "approx.", "z.b.", "u.a.", "bzw.", "ca.");

    private Sentences() {
    }

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        for (String line : LINE_BREAK.split(text)) {
            String cleaned = MARKER.matcher(line.strip()).replaceFirst("").strip();
            if (!cleaned.isEmpty()) {
                splitLine(cleaned, sentences);
            }
        }
        return sentences;
    }

    private static void splitLine(String line, List<String> out) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(line);
        StringBuilder pending = new StringBuilder();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            pending.append(line, start, end);
            if (!endsWithAbbreviation(pending)) {
                add(pending, out);
            }
        }
        add(pending, out);
    }

    private static boolean endsWithAbbreviation(CharSequence text) {
        String trimmed = text.toString().strip();
        int space = trimmed.lastIndexOf(' ');
        String lastWord = trimmed.substring(space + 1).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(lastWord);
    }

    private static void add(StringBuilder pending, List<String> out) {
        String sentence = pending.toString().strip();
        if (!sentence.isEmpty()) {
            out.add(sentence);
        }
        pending.setLength(0);
    }
}
