package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.ExtractionJob;
import com.aiplatform.assistant.files.FileRecord;
import com.aiplatform.assistant.files.FileStatus;
import com.aiplatform.assistant.files.FileStorage;
import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one extraction job off the request path: reads the original, extracts, chunks and embeds, stores
 * the extraction beside the original and marks the record ready, or failed with the 4xx problem that
 * explains why. Idempotent: a redelivered job for a finished file does nothing. A failure that is not the
 * file's fault is thrown so that the queue retries it; on the last attempt the file is marked failed.
 */
public final class ExtractionService {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionService.class);

    private final FileStorage storage;
    private final FileReader reader;
    private final Chunks chunks;
    private final UsageMeter usage;
    private final FileEvents events;
    private final Clock clock;
    private final String embeddingModel;

    public ExtractionService(FileStorage storage, FileReader reader, Chunks chunks, UsageMeter usage,
                             FileEvents events, Clock clock, String embeddingModel) {
        this.storage = storage;
        this.reader = reader;
        this.chunks = chunks;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
        this.embeddingModel = embeddingModel;
    }

    public void run(ExtractionJob job, long attempt, long maxAttempts) {
        TenantId tenant = TenantId.of(job.tenantId());
        Optional<FileRecord> found = storage.records().get(tenant, job.fileId());
        if (found.isEmpty() || found.get().status().finished()) {
            return;
        }
        FileRecord record = storage.records().replace(found.get().with(FileStatus.PROCESSING,
                found.get().mediaType(), null, clock.instant()));
        var call = new CallContext(new Caller(record.consumerId(), tenant, Set.of()), "assistant", job.fileId(),
                job.traceparent());
        try {
            Blob original = storage.original(record).orElseThrow(() -> new ProblemException(Problem.of(422,
                    "original-missing", "The file's original is gone", "Nothing is stored at " + record.blobPath())));
            Extraction extraction = reader.read(original.content(), record.declaredType(), fileName(record));
            Chunks.Embedded embedded = chunks.of(extraction);
            usage.record(call, "embed-file", new Usage(embeddingModel, embedded.inputTokens(), 0));
            storage.saveExtraction(tenant, job.fileId(), extraction.withChunks(embedded.chunks()));
            finish(record, record.with(FileStatus.READY, extraction.mediaType(), null, clock.instant()), job);
        } catch (ProblemException e) {
            if (e.status() >= 500) {
                throw e;
            }
            finish(record, record.with(FileStatus.FAILED, record.mediaType(), e.problem().toBody(), clock.instant()), job);
        } catch (RuntimeException e) {
            if (attempt < maxAttempts) {
                throw e;
            }
            LOG.error("Extraction of file {} of tenant {} failed on its last attempt", job.fileId(), tenant, e);
            finish(record, record.with(FileStatus.FAILED, record.mediaType(), Problem.of(422, "unreadable-file",
                    "The file cannot be read", "Extraction failed " + attempt + " times").toBody(), clock.instant()), job);
        }
    }

    /** Saves the outcome unless the file was deleted meanwhile, in which case its extraction goes too. */
    private void finish(FileRecord current, FileRecord outcome, ExtractionJob job) {
        TenantId tenant = TenantId.of(current.tenantId());
        try {
            FileRecord saved = storage.records().replace(outcome);
            events.extracted(saved, job.traceparent());
        } catch (ConcurrencyException e) {
            if (storage.records().get(tenant, current.fileId()).isEmpty()) {
                storage.blobs().delete(storage.extractionKey(tenant, current.fileId()));
            }
        }
    }

    private static Optional<String> fileName(FileRecord record) {
        return Optional.ofNullable(record.fileName()).filter(name -> !name.isBlank());
    }

}
