package com.aiplatform.assistant.files;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.tika.MediaTypes;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Picks up files uploaded straight to the container, announced by Event Grid's
 * {@code Microsoft.Storage.BlobCreated} (CloudEvents or Event Grid schema). Only blobs named
 * {@code <tenant>/uploads/<file name>} count: the tenant is the first segment, as for every blob here,
 * and the assistant's own blobs ({@code <tenant>/files/...}) are not picked up again. The file stays
 * where it was uploaded; the record points at it and the extraction job carries only ids. Idempotent:
 * the file id comes from the blob name and ETag, so a redelivered event names the same file.
 */
public final class BlobCreatedService {

    public static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    public static final String UPLOADS = "uploads/";

    private static final Logger LOG = LoggerFactory.getLogger(BlobCreatedService.class);

    private final FileStorage storage;
    private final long maxBytes;
    private final Clock clock;

    public BlobCreatedService(FileStorage storage, long maxBytes, Clock clock) {
        this.storage = storage;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The id of the file the event announced, or empty when the event is not for the assistant. */
    public Optional<String> handle(String eventJson) {
        JsonNode event = Json.tree(eventJson);
        String type = event.path("type").asText(event.path("eventType").asText(""));
        String prefix = "/blobServices/default/containers/" + storage.container() + "/blobs/";
        String subject = event.path("subject").asText("");
        if (!BLOB_CREATED.equals(type) || !subject.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = subject.substring(prefix.length());
        int slash = name.indexOf('/');
        if (slash < 1 || !name.startsWith(UPLOADS, slash + 1) || name.length() == slash + 1 + UPLOADS.length()) {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(name.substring(0, slash));
        } catch (ProblemException e) {
            LOG.warn("Ignoring blob {}: its first segment is not a tenant id", name);
            return Optional.empty();
        }
        JsonNode data = event.path("data");
        String path = name.substring(slash + 1);
        String fileId = FileIds.ofBlob(name, data.path("eTag").asText(event.path("id").asText()));
        Optional<FileRecord> existing = storage.records().get(tenant, fileId);
        if (existing.isPresent()) {
            if (existing.get().status() == FileStatus.QUEUED) {
                storage.enqueue(new ExtractionJob(tenant.value(), fileId, event.path("traceparent").asText(null)));
            }
            return Optional.of(fileId);
        }
        long size = data.path("contentLength").asLong(-1);
        Instant now = clock.instant();
        boolean tooLarge = size > maxBytes;
        var record = new FileRecord(tenant.value(), fileId, path.substring(path.lastIndexOf('/') + 1),
                MediaTypes.normalise(data.path("contentType").asText("")), null, Math.max(size, 0), null, path,
                tooLarge ? FileStatus.FAILED : FileStatus.QUEUED,
                tooLarge ? ProblemException.payloadTooLarge(maxBytes).problem().toBody() : null,
                FileRecord.FileSource.BLOB_CREATED, "event-grid", now, now, null);
        try {
            storage.records().insert(record);
        } catch (ConcurrencyException e) {
            return Optional.of(fileId);
        }
        if (!tooLarge) {
            storage.enqueue(new ExtractionJob(tenant.value(), fileId, event.path("traceparent").asText(null)));
        }
        return Optional.of(fileId);
    }
}
