package com.aiplatform.shared.vector.qdrant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into keyword terms, identically for documents and queries: lower-cased runs of letters and
 * digits, English stop words dropped, plural endings removed by the S-stemmer (Harman, 1991). A light
 * stemmer on purpose: it never merges unrelated words, and non-English text passes through almost unchanged.
 */
final class KeywordTokenizer {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "am", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can",
            "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i",
            "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "s", "she",
            "should", "so", "such", "t", "than", "that", "the", "their", "them", "then", "there", "these", "they",
            "this", "those", "to", "too", "very", "was", "we", "were", "what", "when", "where", "which", "who",
            "whom", "why", "will", "with", "would", "you", "your");

    /** The terms in text order, repeats kept (term frequency counts them). */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else {
                emit(word, terms);
            }
        });
        emit(word, terms);
        return terms;
    }

    private static void emit(StringBuilder word, List<String> terms) {
        if (word.length() == 0) {
            return;
        }
        String lower = word.toString().toLowerCase(Locale.ROOT);
        word.setLength(0);
        if (!STOP_WORDS.contains(lower)) {
            terms.add(stem(lower));
        }
    }

    static String stem(String word) {
        if (word.length() <= 3) {
            return word;
        }
        if (word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("es") && !word.endsWith("aes") && !word.endsWith("ees") && !word.endsWith("oes")) {
            return word.substring(0, word.length() - 1);
        }
        if (word.endsWith("s") && !word.endsWith("us") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
