package com.aiplatform.knowledge.ingestion;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ingestion ids: {@code ing-} and 24 random hex digits, unguessable and safe in a table key and a blob path. */
public final class IngestionIds {

    private static final Pattern FORMAT = Pattern.compile("ing-[0-9a-f]{24}");

    private IngestionIds() {
    }

    public static String next() {
        return "ing-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
