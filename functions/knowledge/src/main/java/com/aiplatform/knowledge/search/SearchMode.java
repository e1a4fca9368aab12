package com.aiplatform.knowledge.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Keyword (BM25), dense (embeddings) or both fused by reciprocal rank fusion. */
public enum SearchMode {
    HYBRID, DENSE, KEYWORD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SearchMode parse(String value) {
        for (SearchMode mode : values()) {
            if (mode.wire().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be hybrid, dense or keyword");
    }
}
