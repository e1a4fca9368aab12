package com.aiplatform.research.work;

import com.aiplatform.research.report.Report;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Final reports in Blob storage at {@code tasks/<id>/report.json}; the task row keeps the path. */
public final class Reports {

    private final BlobStore blobs;
    private final String container;

    public Reports(BlobStore blobs, String container) {
        this.blobs = blobs;
        this.container = container;
    }

    public String save(TaskKey task, Report report) {
        BlobKey key = new BlobKey(container, task.tenant(), "tasks/" + task.id() + "/report.json");
        blobs.upsert(key, Json.writeBytes(report), "application/json", Map.of());
        return key.path();
    }

    public Optional<Report> load(TaskKey task, String path) {
        return blobs.get(new BlobKey(container, task.tenant(), path))
                .map(blob -> Json.read(new String(blob.content(), StandardCharsets.UTF_8), Report.class));
    }
}
