package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.vector.VectorRecord;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Ingests, lists and deletes documents. An ingest keeps the original in Blob storage, indexes its
 * chunks under a fresh generation, and only then commits the document record; the previous
 * generation is removed after the commit. A failure before the commit removes what the attempt
 * wrote, so a document is never half-indexed and the previous version stays searchable meanwhile.
 */
public final class DocumentService {

    /** Chunks embedded and indexed at a time: one progress step. */
    private static final int EMBED_BATCH = 64;

    private final KnowledgeStores stores;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final Embedder embedder;
    private final DocumentEvents events;
    private final UsageMeter usage;
    private final Clock clock;

    public DocumentService(KnowledgeStores stores, DocumentPipeline pipeline, DocumentEvents events, UsageMeter usage,
                           Clock clock) {
        this.stores = stores;
        this.extractor = pipeline.extractor();
        this.chunker = pipeline.chunker();
        this.embedder = pipeline.embedder();
        this.events = events;
        this.usage = usage;
        this.clock = clock;
    }

    /** The parts that turn bytes into indexed chunks. */
    public record DocumentPipeline(TextExtractor extractor, Chunker chunker, Embedder embedder) {
    }

    public IngestResult ingest(CallContext context, DocumentUpload upload) {
        return ingest(context, upload, IngestProgress.NONE);
    }

    /** The id a document gets: the client's, or one derived from its content hash. */
    public static String documentIdOf(DocumentUpload upload) {
        return upload.documentId().map(DocumentIds::require).orElseGet(() -> "doc-" + sha256(upload.content()).substring(0, 24));
    }

    public IngestResult ingest(CallContext context, DocumentUpload upload, IngestProgress progress) {
        Caller caller = context.caller();
        TenantId tenant = caller.tenant();
        DocumentMetadata.validate(upload.metadata());
        Readers readers = DocumentAccess.readersOf(upload, caller);
        ExtractedText extracted = extractor.extract(upload.content(), upload.contentType(), upload.fileName());
        progress.extracted(extracted.text().length());
        String hash = sha256(upload.content());
        String documentId = documentIdOf(upload);
        String title = upload.title().or(extracted::title).or(upload::fileName)
                .orElseGet(() -> firstLine(extracted.text()));
        Optional<DocumentRecord> existing = stores.documents().get(tenant, documentId);
        if (existing.isPresent() && !DocumentAccess.mayManage(caller, existing.get())) {
            throw ProblemException.conflict("Document id '" + documentId + "' is taken by a document this caller may "
                    + "not read; send another documentId");
        }
        if (existing.isPresent() && isSame(existing.get(), hash, title, upload.metadata(), readers)) {
            return new IngestResult(publishIfPending(existing.get(), context), IngestResult.Outcome.UNCHANGED);
        }

        String generation = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        long version = existing.map(r -> r.version() + 1).orElse(1L);
        BlobKey original = new BlobKey(stores.container(), tenant, "documents/" + documentId + "/" + generation);
        DocumentRecord committed;
        progress.started(documentId, generation);
        try {
            stores.blobs().upsert(original, upload.content(), extracted.mediaType(),
                    upload.fileName().map(name -> Map.of("filename", asciiOnly(name))).orElse(Map.of()));
            int chunkCount = index(context, new Target(documentId, title, generation, version, readers),
                    extracted.text(), upload.metadata(), progress);
            Instant now = clock.instant();
            var record = new DocumentRecord(tenant.value(), documentId, title, extracted.mediaType(), hash, version,
                    chunkCount, upload.content().length, original.path(), upload.metadata(), readers,
                    embedder.model().name(), existing.map(DocumentRecord::createdAt).orElse(now), now, true,
                    existing.map(DocumentRecord::etag).orElse(null));
            committed = stores.documents().save(record);
        } catch (ConcurrencyException e) {
            discard(tenant, documentId, generation, original);
            return stores.documents().get(tenant, documentId)
                    .filter(winner -> isSame(winner, hash, title, upload.metadata(), readers))
                    .map(winner -> new IngestResult(winner, IngestResult.Outcome.UNCHANGED))
                    .orElseThrow(() -> ProblemException.conflict(
                            "Document '" + documentId + "' was changed by another request at the same time; retry"));
        } catch (RuntimeException e) {
            discard(tenant, documentId, generation, original);
            throw e;
        }
        existing.ifPresent(previous -> discard(tenant, documentId, generationOf(previous),
                new BlobKey(stores.container(), tenant, previous.blobPath())));
        DocumentRecord published = publishIfPending(committed, context);
        return new IngestResult(published, existing.isPresent() ? IngestResult.Outcome.UPDATED
                : IngestResult.Outcome.CREATED);
    }

    /** The tenant's documents that the caller may read. */
    public List<DocumentRecord> list(Caller caller) {
        return stores.documents().list(caller.tenant()).stream()
                .filter(record -> DocumentAccess.mayRead(caller, record)).toList();
    }

    /** A document the caller may read; one it may not is answered exactly like a missing one (404). */
    public DocumentRecord get(Caller caller, String documentId) {
        return stores.documents().get(caller.tenant(), DocumentIds.require(documentId))
                .filter(record -> DocumentAccess.mayRead(caller, record))
                .orElseThrow(() -> ProblemException.notFound("Document", documentId));
    }

    /**
     * Removes the chunks, every stored original and, last, the record, so a failed delete can be retried. A reader
     * of the document or an admin of the tenant may delete it; for anyone else it is missing (404).
     */
    public void delete(CallContext context, String documentId) {
        Caller caller = context.caller();
        TenantId tenant = caller.tenant();
        DocumentRecord record = stores.documents().get(tenant, DocumentIds.require(documentId))
                .filter(found -> DocumentAccess.mayManage(caller, found))
                .orElseThrow(() -> ProblemException.notFound("Document", documentId));
        stores.vectors().deleteDocument(tenant, documentId);
        for (BlobKey key : stores.blobs().list(stores.container(), tenant, "documents/" + documentId + "/")) {
            stores.blobs().delete(key);
        }
        stores.documents().delete(tenant, documentId);
        events.deleted(record, context.traceId());
    }

    /**
     * Where an attempt writes: the document, its title, the attempt's generation, the version it commits and the
     * readers every chunk carries.
     */
    private record Target(String documentId, String title, String generation, long version, Readers readers) {
    }


    /** Embeds and indexes in batches, so that progress is reported and memory stays bounded at any size. */
    private int index(CallContext context, Target target, String text, Map<String, String> metadata,
                      IngestProgress progress) {
        String indexed = text.startsWith(target.title()) ? text : target.title() + "\n\n" + text;
        List<String> chunks = chunker.chunk(indexed);
        long inputTokens = 0;
        progress.embedded(0, chunks.size());
        for (int start = 0; start < chunks.size(); start += EMBED_BATCH) {
            List<String> batch = chunks.subList(start, Math.min(chunks.size(), start + EMBED_BATCH));
            Embeddings embeddings = embedder.embed(batch);
            inputTokens += embeddings.inputTokens();
            List<VectorRecord> records = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                records.add(chunkRecord(context.caller().tenant(), target, start + i, batch.get(i),
                        embeddings.vectors().get(i), metadata));
            }
            stores.vectors().upsert(records);
            progress.embedded(start + batch.size(), chunks.size());
        }
        usage.record(context, "embed-document", new Usage(embedder.model().name(), inputTokens, 0));
        return chunks.size();
    }

    private static VectorRecord chunkRecord(TenantId tenant, Target target, int index, String chunk, float[] vector,
                                            Map<String, String> metadata) {
        var chunkMetadata = new java.util.HashMap<>(metadata);
        chunkMetadata.put(DocumentMetadata.TITLE, target.title());
        chunkMetadata.put(DocumentMetadata.VERSION, Long.toString(target.version()));
        chunkMetadata.put(DocumentMetadata.GENERATION, target.generation());
        chunkMetadata.put(DocumentMetadata.CHUNK, Integer.toString(index));
        return new VectorRecord(tenant, target.documentId() + ":" + target.generation() + ":" + index,
                target.documentId(), chunk, vector, chunkMetadata, target.readers().principals());
    }

    /**
     * Removes the chunks an attempt that never finished wrote under {@code generation}, unless that generation
     * is the document's committed one. For a crashed attempt, whose own clean-up never ran.
     */
    public void discardAttempt(TenantId tenant, String documentId, String generation) {
        boolean committed = stores.documents().get(tenant, documentId)
                .map(record -> generationOf(record).equals(generation)).orElse(false);
        if (!committed) {
            discard(tenant, documentId, generation,
                    new BlobKey(stores.container(), tenant, "documents/" + documentId + "/" + generation));
        }
    }

    private DocumentRecord publishIfPending(DocumentRecord record, CallContext context) {
        if (!record.eventPending() || !events.ingested(record, context.traceId())) {
            return record;
        }
        try {
            return stores.documents().save(record.withEventPending(false, record.etag()));
        } catch (ConcurrencyException e) {
            return record.withEventPending(false, record.etag()); // a newer write superseded this one
        }
    }

    private void discard(TenantId tenant, String documentId, String generation, BlobKey original) {
        stores.vectors().deleteDocument(tenant, documentId, Map.of(DocumentMetadata.GENERATION, generation));
        stores.blobs().delete(original);
    }

    /** The generation is the last segment of the original's blob path. */
    private static String generationOf(DocumentRecord record) {
        String path = record.blobPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static boolean isSame(DocumentRecord record, String hash, String title, Map<String, String> metadata,
                                  Readers readers) {
        return record.contentHash().equals(hash) && record.title().equals(title) && record.metadata().equals(metadata)
                && record.readers().equals(readers);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("Untitled").strip();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    private static String asciiOnly(String value) {
        return value.replaceAll("[^\\x20-\\x7e]", "_");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
