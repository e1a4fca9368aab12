package com.aiplatform.llm.cache;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a call's answer may come from the cache, as the caller's product chose it in the gateway definition
 * ({@code llmCache.mode}, and {@code llmCache.threshold} for {@code semantic}) and the gateway passed it on in
 * {@code x-aiplatform-cache-policy}, a header only the gateway sets: {@code off}, {@code exact}, or
 * {@code semantic;threshold=0.95} (a similarity in (0, 1]). Anything else, or no header (a call from a sibling app),
 * is {@link #OFF}.
 */
public record CachePolicy(Mode mode, double threshold) {

    public enum Mode { OFF, EXACT, SEMANTIC }

    public static final CachePolicy OFF = new CachePolicy(Mode.OFF, 1);
    public static final CachePolicy EXACT = new CachePolicy(Mode.EXACT, 1);

    private static final Pattern SEMANTIC = Pattern.compile("semantic\\s*;\\s*threshold\\s*=\\s*(\\d?\\.\\d{1,6}|\\d)");

    public CachePolicy {
        if (mode == Mode.SEMANTIC && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("A semantic cache threshold is in (0, 1], not " + threshold);
        }
    }

    public static CachePolicy semantic(double threshold) {
        return new CachePolicy(Mode.SEMANTIC, threshold);
    }

    public static CachePolicy fromHeader(String value) {
        if (value == null) {
            return OFF;
        }
        String policy = value.strip().toLowerCase(Locale.ROOT);
        if (policy.equals("exact")) {
            return EXACT;
        }
        Matcher semantic = SEMANTIC.matcher(policy);
        if (semantic.matches()) {
            double threshold = Double.parseDouble(semantic.group(1));
            return threshold > 0 && threshold <= 1 ? semantic(threshold) : OFF;
        }
        return OFF;
    }
}
