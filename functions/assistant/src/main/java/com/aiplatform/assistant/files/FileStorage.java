package com.aiplatform.assistant.files;

import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.WorkQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a file's parts live: the record in Table storage, the original and the extraction (text,
 * tables, metadata, chunks with embeddings) as blobs under the tenant's prefix, and extraction jobs on
 * a queue that carry only ids.
 */
public record FileStorage(FileRepository records, BlobStore blobs, String container, WorkQueue queue,
                          String extractionQueue) {

    public static String originalPath(String fileId) {
        return "files/" + fileId + "/original";
    }

    public BlobKey blob(TenantId tenant, String path) {
        return new BlobKey(container, tenant, path);
    }

    public BlobKey extractionKey(TenantId tenant, String fileId) {
        return blob(tenant, "files/" + fileId + "/extraction.json");
    }

    public Optional<Blob> original(FileRecord record) {
        return blobs.get(blob(TenantId.of(record.tenantId()), record.blobPath()));
    }

    public void saveExtraction(TenantId tenant, String fileId, Extraction extraction) {
        blobs.upsert(extractionKey(tenant, fileId), Json.writeBytes(extraction), "application/json", Map.of());
    }

    public Optional<Extraction> extraction(TenantId tenant, String fileId) {
        return blobs.get(extractionKey(tenant, fileId)).map(blob -> {
            try {
                return Json.mapper().readValue(blob.content(), Extraction.class);
            } catch (IOException e) {
                throw new UncheckedIOException("The extraction of file " + fileId + " is corrupt", e);
            }
        });
    }

    public void enqueue(ExtractionJob job) {
        queue.send(extractionQueue, Json.write(job));
    }
}
