package com.aiplatform.knowledge.documents;

/**
 * What an ingest reports while it runs, so that a queued ingestion can show how far it got. Called on the
 * ingesting thread; a listener that throws aborts the ingest, which then removes what it wrote.
 */
public interface IngestProgress {

    /** Reports nothing: the synchronous path. */
    IngestProgress NONE = new IngestProgress() {
    };

    /** The attempt will write its chunks under this generation (called before the first chunk is written). */
    default void started(String documentId, String generation) {
    }

    /** The text is extracted: its length in characters. */
    default void extracted(int characters) {
    }

    /** {@code embedded} of {@code total} chunks are embedded and indexed. */
    default void embedded(int embedded, int total) {
    }
}
