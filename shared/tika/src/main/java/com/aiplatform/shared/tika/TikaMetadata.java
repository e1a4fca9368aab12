package com.aiplatform.shared.tika;

import org.apache.tika.metadata.Metadata;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Tika's metadata as a bounded map of strings: Tika's own bookkeeping left out, long values cut. */
final class TikaMetadata {

    private static final int MAX_ENTRIES = 100;
    private static final int MAX_VALUE_LENGTH = 500;

    private TikaMetadata() {
    }

    static Map<String, String> toMap(Metadata metadata) {
        Map<String, String> result = new TreeMap<>();
        String[] names = metadata.names();
        Arrays.sort(names);
        for (String name : names) {
            if (result.size() >= MAX_ENTRIES) {
                break;
            }
            if (name.startsWith("X-TIKA") || name.startsWith("X-Parsed-By") || name.equals("resourceName")) {
                continue;
            }
            String value = String.join(", ", metadata.getValues(name)).strip();
            if (!value.isEmpty()) {
                result.put(name, value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value);
            }
        }
        return result;
    }
}
