package com.aiplatform.shared.llm;

import java.util.List;

/**
 * The rules a grounded question follows in every app that answers one (knowledge's ask, the assistant's ask
 * about a file): its text, and how many passages ground it. Problems are added to {@code errors} so that a
 * request names all of them at once.
 */
public final class Question {

    public static final int MAX_LENGTH = 2000;

    private Question() {
    }

    /** A non-blank text of at most {@link #MAX_LENGTH} characters. */
    public static void checkText(String field, String text, List<String> errors) {
        if (text == null || text.isBlank()) {
            errors.add(field + " must be a non-empty string");
        } else if (text.length() > MAX_LENGTH) {
            errors.add(field + " must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** {@code topK} between 1 and {@code max}, or {@code defaultValue} when absent. */
    public static int passages(Integer topK, int defaultValue, int max, List<String> errors) {
        if (topK == null) {
            return defaultValue;
        }
        if (topK < 1 || topK > max) {
            errors.add("topK must be between 1 and " + max);
        }
        return topK;
    }
}
