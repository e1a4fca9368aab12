package com.aiplatform.assistant.files;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a file is in its life: waiting for extraction, being extracted, readable, or refused. */
public enum FileStatus {
    QUEUED, PROCESSING, READY, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == READY || this == FAILED;
    }

    public static FileStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
