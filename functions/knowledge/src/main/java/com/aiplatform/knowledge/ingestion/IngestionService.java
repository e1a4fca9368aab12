package com.aiplatform.knowledge.ingestion;

import com.aiplatform.knowledge.documents.DocumentAccess;
import com.aiplatform.knowledge.documents.DocumentMetadata;
import com.aiplatform.knowledge.documents.DocumentService;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.knowledge.documents.IngestResult;
import com.aiplatform.knowledge.documents.TextExtractor;
import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ingestion off the request path. {@link #submit} checks what can be checked cheaply (metadata, id, type),
 * stores the original and a queued record and enqueues a job; {@link #run} does the work on the queue through
 * the same {@link DocumentService#ingest} as the synchronous path, so the document, its chunks and its
 * DocumentIngested event are the same. Redelivery is harmless: a settled ingestion is skipped, a crashed
 * attempt's chunks are removed first, and a finished document re-ingested is unchanged.
 */
public final class IngestionService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);

    private final IngestionStores stores;
    private final DocumentService documents;
    private final TextExtractor types;
    private final long synchronousMaxBytes;
    private final Clock clock;

    /**
     * @param synchronousMaxBytes the largest document ingested inside its request; larger ones are queued
     */
    public IngestionService(IngestionStores stores, DocumentService documents, TextExtractor types,
                            long synchronousMaxBytes, Clock clock) {
        this.stores = stores;
        this.documents = documents;
        this.types = types;
        this.synchronousMaxBytes = synchronousMaxBytes;
        this.clock = clock;
    }

    /** Whether to queue this document: it is above the synchronous limit, or the client prefers (RFC 7240). */
    public boolean queues(DocumentUpload upload, String preferHeader) {
        boolean preferAsync = preferHeader != null && java.util.Arrays.stream(preferHeader.split(","))
                .map(token -> token.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch("respond-async"::equals);
        return preferAsync || upload.content().length > synchronousMaxBytes;
    }

    public Ingestion submit(CallContext call, DocumentUpload upload) {
        return submitAll(call, List.of(upload)).get(0);
    }

    /** Checks every document before storing any, so that a bad one in a batch queues none. */
    public List<Ingestion> submitAll(CallContext call, List<DocumentUpload> uploads) {
        for (DocumentUpload upload : uploads) {
            DocumentMetadata.validate(upload.metadata());
            types.mediaTypeOf(upload.content(), upload.contentType(), upload.fileName());
        }
        return uploads.stream().map(upload -> queue(call, upload)).toList();
    }

    private Ingestion queue(CallContext call, DocumentUpload upload) {
        TenantId tenant = call.caller().tenant();
        String ingestionId = IngestionIds.next();
        Instant now = clock.instant();
        var request = new Ingestion.Request(upload.contentType(), upload.title(), upload.fileName(), upload.metadata(),
                upload.content().length, IngestionStores.pendingPath(ingestionId),
                DocumentAccess.readersOf(upload, call.caller()), call.caller().groups());
        var ingestion = new Ingestion(tenant.value(), ingestionId, DocumentService.documentIdOf(upload),
                call.caller().consumerId(), IngestionState.QUEUED, request, Ingestion.Progress.NONE, null, null, null,
                now, now, null);
        BlobKey pending = stores.pending(tenant, ingestion);
        stores.blobs().upsert(pending, upload.content(), "application/octet-stream", Map.of());
        Ingestion saved = stores.records().insert(ingestion);
        stores.enqueue(new IngestionJob(tenant.value(), ingestionId, call.traceId()));
        return saved;
    }

    /**
     * An ingestion its submitter or a reader of its document asks for; another tenant's, or one of a document the
     * caller may not read, is answered exactly like a missing one.
     */
    public Ingestion get(Caller caller, String ingestionId) {
        if (!IngestionIds.isValid(ingestionId)) {
            throw ProblemException.notFound("Ingestion", ingestionId);
        }
        return stores.records().get(caller.tenant(), ingestionId)
                .filter(found -> found.consumerId().equals(caller.consumerId()) || caller.canRead(found.request().readers()))
                .orElseThrow(() -> ProblemException.notFound("Ingestion", ingestionId));
    }

    /**
     * Runs one job. A problem that is the document's fault (4xx but 409 and 429) rejects it; anything else is
     * thrown so that the queue retries, and on the last attempt the ingestion is first marked failed, keeping its
     * original for a replay from the poison queue.
     */
    public void run(IngestionJob job, long attempt, long maxAttempts) {
        TenantId tenant = TenantId.of(job.tenantId());
        Optional<Ingestion> found = stores.records().get(tenant, job.ingestionId());
        if (found.isEmpty() || found.get().state().settled()) {
            return;
        }
        Ingestion current = found.get();
        if (current.generation() != null) {
            documents.discardAttempt(tenant, current.documentId(), current.generation());
        }
        BlobKey pending = stores.pending(tenant, current);
        Optional<Blob> original = stores.blobs().get(pending);
        if (original.isEmpty()) {
            stores.records().replace(current.ended(IngestionState.REJECTED, null, Problem.of(422, "original-missing",
                    "The document's original is gone", "Nothing is stored for ingestion " + current.ingestionId())
                    .toBody(), clock.instant()));
            return;
        }
        var progress = new RecordedProgress(stores.records(), stores.records().replace(current.ended(
                IngestionState.EXTRACTING, null, null, clock.instant()).with(IngestionState.EXTRACTING,
                Ingestion.Progress.NONE, clock.instant())), clock);
        var call = new CallContext(new Caller(current.consumerId(), tenant, Set.of(), current.request().submitterGroups()),
                "knowledge",
                current.ingestionId(), job.traceparent());
        try {
            IngestResult result = documents.ingest(call, upload(current, original.get().content()), progress);
            int chunks = result.document().chunkCount();
            Ingestion last = progress.current();
            stores.records().replace(last.with(IngestionState.DONE,
                    new Ingestion.Progress(last.progress().characters(), chunks, chunks), clock.instant())
                    .ended(IngestionState.DONE, result.outcome().name().toLowerCase(Locale.ROOT), null, clock.instant()));
            stores.blobs().delete(pending);
        } catch (ProblemException e) {
            if (e.status() >= 500 || e.status() == 409 || e.status() == 429) {
                giveUpIfLast(progress.current(), attempt, maxAttempts, e);
                throw e;
            }
            stores.records().replace(progress.current().ended(IngestionState.REJECTED, null, e.problem().toBody(),
                    clock.instant()));
            stores.blobs().delete(pending);
        } catch (RuntimeException e) {
            giveUpIfLast(progress.current(), attempt, maxAttempts, e);
            throw e;
        }
    }

    private void giveUpIfLast(Ingestion current, long attempt, long maxAttempts, RuntimeException cause) {
        if (attempt < maxAttempts) {
            return;
        }
        LOG.error("Ingestion {} of tenant {} failed on its last attempt; its job goes to the poison queue",
                current.ingestionId(), current.tenantId(), cause);
        try {
            stores.records().replace(current.ended(IngestionState.FAILED, null, Problem.of(500, "ingestion-failed",
                    "The document could not be ingested", "Ingestion failed " + attempt
                            + " times; an administrator can replay it from the dead letters").toBody(), clock.instant()));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static DocumentUpload upload(Ingestion ingestion, byte[] content) {
        Ingestion.Request request = ingestion.request();
        return new DocumentUpload(content, request.contentType(), Optional.of(ingestion.documentId()), request.title(),
                request.fileName(), request.metadata(), Optional.of(request.readers()));
    }
}
