package com.aiplatform.shared.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into index terms: lower-cased letter or digit runs, English stop words dropped, and a light
 * suffix stemmer (plural and -ing/-ed/-ly forms) so that "refunds", "refunded" and "refund" meet.
 */
public final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+|\\p{N}+");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
            "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
            "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
            "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
            "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
            "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
            "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
            "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
            "tell", "please", "may", "might", "must", "shall", "also", "get", "got", "let", "us", "s", "t");

    private Terms() {
    }

    public static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    public static int wordCount(String text) {
        int count = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    public static String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(0))) {
            return word;
        }
        String stem = plural(word);
        if (stem.length() > 5 && stem.endsWith("ing")) {
            stem = undouble(stem.substring(0, stem.length() - 3));
        } else if (stem.length() > 4 && stem.endsWith("ed")) {
            stem = undouble(stem.substring(0, stem.length() - 2));
        } else if (stem.length() > 4 && stem.endsWith("ly")) {
            stem = stem.substring(0, stem.length() - 2);
        }
        if (stem.length() > 3 && stem.endsWith("e")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    /** Harman's S-stemmer. */
    private static String plural(String word) {
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

    /** "shipp" (from "shipping") becomes "ship"; "fall" and "pass" keep their double letter. */
    private static String undouble(String stem) {
        int n = stem.length();
        if (n >= 3 && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0
                && "aeiou".indexOf(stem.charAt(n - 1)) < 0) {
            return stem.substring(0, n - 1);
        }
        return stem;
    }
}
