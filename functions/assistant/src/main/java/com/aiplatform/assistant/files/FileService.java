package com.aiplatform.assistant.files;

import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.usage.CallContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Files through the API: an upload is checked on the request path (empty, contradicted or unsupported
 * type, image bombs), stored, recorded and queued for extraction; the rest reads and deletes. Another
 * tenant's file is answered exactly like a missing one.
 */
public final class FileService {

    /** What the assistant reads: every document Tika reads here, and raster images. */
    public static final Set<String> ACCEPTED = Stream.concat(MediaTypes.DOCUMENTS.stream(),
            MediaTypes.IMAGES.stream()).collect(Collectors.toUnmodifiableSet());

    private final FileStorage storage;
    private final MediaTypes types;
    private final ImageHeaders images;
    private final Clock clock;

    public FileService(FileStorage storage, MediaTypes types, ImageHeaders images, Clock clock) {
        this.storage = storage;
        this.types = types;
        this.images = images;
        this.clock = clock;
    }

    public UploadResult upload(CallContext call, Upload upload) {
        if (upload.content().length == 0) {
            throw ProblemException.badRequest("The file is empty");
        }
        String mediaType = types.resolve(upload.content(), upload.contentType(), upload.fileName());
        if (mediaType.startsWith("image/")) {
            images.check(upload.content(), mediaType);
        }
        TenantId tenant = call.caller().tenant();
        String sha256 = FileIds.sha256(upload.content());
        String fileId = FileIds.ofContentHash(sha256);
        Optional<FileRecord> existing = storage.records().get(tenant, fileId);
        if (existing.isPresent()) {
            return again(existing.get(), call);
        }
        String path = FileStorage.originalPath(fileId);
        storage.blobs().upsert(storage.blob(tenant, path), upload.content(), mediaType, Map.of());
        Instant now = clock.instant();
        var record = new FileRecord(tenant.value(), fileId, upload.fileName().orElse(""),
                MediaTypes.normalise(upload.contentType()), mediaType, upload.content().length, sha256, path,
                FileStatus.QUEUED, null, FileRecord.FileSource.UPLOAD, call.caller().consumerId(), now, now, null);
        try {
            record = storage.records().insert(record);
        } catch (ConcurrencyException e) {
            return again(storage.records().get(tenant, fileId).orElseThrow(() -> e), call);
        }
        storage.enqueue(new ExtractionJob(tenant.value(), fileId, call.traceId()));
        return new UploadResult(record, true);
    }

    /** The same bytes again: the same file. A job lost before it was queued is queued again. */
    private UploadResult again(FileRecord existing, CallContext call) {
        if (existing.status() == FileStatus.QUEUED) {
            storage.enqueue(new ExtractionJob(existing.tenantId(), existing.fileId(), call.traceId()));
        }
        return new UploadResult(existing, false);
    }

    public List<FileRecord> list(TenantId tenant) {
        return storage.records().list(tenant);
    }

    public FileRecord get(TenantId tenant, String fileId) {
        if (!FileIds.isValid(fileId)) {
            throw ProblemException.notFound("File", fileId);
        }
        return storage.records().get(tenant, fileId).orElseThrow(() -> ProblemException.notFound("File", fileId));
    }

    /** The extraction of a ready file; empty while it is queued or processing, or when it failed. */
    public Optional<Extraction> extraction(FileRecord record) {
        if (record.status() != FileStatus.READY) {
            return Optional.empty();
        }
        return storage.extraction(TenantId.of(record.tenantId()), record.fileId());
    }

    /** The record and extraction of a file that can be asked about: 409 while it is extracted, 422 if it failed. */
    public ReadyFile ready(TenantId tenant, String fileId) {
        FileRecord record = get(tenant, fileId);
        if (record.status() == FileStatus.FAILED) {
            Object detail = record.error() == null ? null : record.error().get("detail");
            throw new ProblemException(Problem.of(422, "file-failed", "The file could not be read",
                    detail == null ? "Its extraction failed" : detail.toString()).with("error", record.error()));
        }
        if (record.status() != FileStatus.READY) {
            throw new ProblemException(Problem.of(409, "not-ready", "The file is still being read",
                    "The file is " + record.status().wire() + "; ask again shortly"), Duration.ofSeconds(2), null);
        }
        Extraction extraction = storage.extraction(tenant, fileId)
                .orElseThrow(() -> ProblemException.notFound("File", fileId));
        return new ReadyFile(record, extraction);
    }

    /** A file whose extraction finished, with the extraction. */
    public record ReadyFile(FileRecord record, Extraction extraction) {
    }

    public Blob content(TenantId tenant, String fileId) {
        FileRecord record = get(tenant, fileId);
        return storage.original(record).orElseThrow(() -> ProblemException.notFound("File", fileId));
    }

    /** Removes the original, the extraction (text and chunks) and then the record. */
    public void delete(TenantId tenant, String fileId) {
        FileRecord record = get(tenant, fileId);
        storage.blobs().delete(storage.blob(tenant, record.blobPath()));
        storage.blobs().delete(storage.extractionKey(tenant, fileId));
        storage.records().delete(tenant, fileId);
    }
}
