package com.aiplatform.llm.cache;

import java.util.Locale;

/**
 * Whether a call's answer may come from the cache, as the caller's product chose it in the gateway definition
 * ({@code llmCache.mode}) and the gateway passed it on in {@code x-aiplatform-cache-policy}, a header only the
 * gateway sets. Anything else, or no header (a call from a sibling app), is {@link #OFF}.
 */
public enum CachePolicy {
    OFF, EXACT;

    public static CachePolicy fromHeader(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("exact") ? EXACT : OFF;
    }
}
