package com.aiplatform.knowledge.ingestion;

import com.aiplatform.knowledge.documents.IngestProgress;

import java.time.Clock;

/**
 * Keeps an ingestion's record up to date while its document is ingested: the generation before the first
 * chunk is written (so a crashed attempt's chunks can be found and removed), then extraction and the chunks
 * embedded. Each save is conditional on the record's ETag, so a second worker on the same job fails fast.
 */
final class RecordedProgress implements IngestProgress {

    private final IngestionRepository records;
    private final Clock clock;
    private Ingestion current;

    RecordedProgress(IngestionRepository records, Ingestion start, Clock clock) {
        this.records = records;
        this.current = start;
        this.clock = clock;
    }

    Ingestion current() {
        return current;
    }

    @Override
    public void started(String documentId, String generation) {
        current = records.replace(current.withGeneration(generation, clock.instant()));
    }

    @Override
    public void extracted(int characters) {
        current = records.replace(current.with(IngestionState.EMBEDDING, new Ingestion.Progress(characters, 0, 0),
                clock.instant()));
    }

    @Override
    public void embedded(int embedded, int total) {
        var progress = new Ingestion.Progress(current.progress().characters(), embedded, total);
        current = records.replace(current.with(IngestionState.EMBEDDING, progress, clock.instant()));
    }
}
