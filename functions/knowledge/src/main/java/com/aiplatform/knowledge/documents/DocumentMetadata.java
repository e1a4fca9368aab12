package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The metadata keys the app sets on every chunk, and the rules for the ones clients set. */
public final class DocumentMetadata {

    public static final String TITLE = "title";
    public static final String VERSION = "version";
    public static final String GENERATION = "generation";
    public static final String CHUNK = "chunk";
    public static final Set<String> RESERVED = Set.of(TITLE, VERSION, GENERATION, CHUNK, "documentId", "tenant");

    static final int MAX_ENTRIES = 20;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private DocumentMetadata() {
    }

    /** Refuses metadata that could collide with the app's own keys or grow the index without bound. */
    public static void validate(Map<String, String> metadata) {
        List<String> errors = new ArrayList<>();
        if (metadata.size() > MAX_ENTRIES) {
            errors.add("at most " + MAX_ENTRIES + " metadata entries are allowed");
        }
        metadata.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                errors.add("metadata key '" + key + "' must start with a letter and hold at most 64 letters, digits, '_', '.' or '-'");
            } else if (RESERVED.contains(key)) {
                errors.add("metadata key '" + key + "' is reserved");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                errors.add("metadata value of '" + key + "' must be a string of at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The document metadata is not valid", errors);
        }
    }

    /** Filters may use the client's keys and the title. */
    public static void validateFilter(Map<String, String> filter) {
        List<String> errors = new ArrayList<>();
        filter.forEach((key, value) -> {
            if (!KEY.matcher(key).matches() || (RESERVED.contains(key) && !key.equals(TITLE))) {
                errors.add("filter key '" + key + "' is not a metadata key that can be filtered on");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                errors.add("filter value of '" + key + "' must be a string of at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
        if (filter.size() > MAX_ENTRIES) {
            errors.add("at most " + MAX_ENTRIES + " filter entries are allowed");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The search filter is not valid", errors);
        }
    }
}
