package com.aiplatform.knowledge.ingestion;

import java.util.Locale;

/**
 * Where a queued ingestion is. {@code REJECTED}: the document itself is at fault (a 4xx problem), so a retry
 * cannot help; {@code FAILED}: every attempt failed for another reason, the job is in the poison queue and
 * its original is kept, so a replay from the platform app's dead letters runs it again.
 */
public enum IngestionState {
    QUEUED, EXTRACTING, EMBEDDING, DONE, REJECTED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A job for an ingestion in this state has nothing left to do. */
    public boolean settled() {
        return this == DONE || this == REJECTED;
    }

    public static IngestionState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
