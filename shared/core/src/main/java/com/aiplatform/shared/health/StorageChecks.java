package com.aiplatform.shared.health;

import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.table.TableStore;

/**
 * Cheap probes of the storage an app owns, one round trip each: a point read in a table and an
 * existence check in a container prove the service answers to the app's identity; a queue must exist,
 * because a queue trigger on a missing queue never fires.
 */
public final class StorageChecks {

    private static final TenantId PROBE = TenantId.of("health-probe");

    private StorageChecks() {
    }

    public static HealthCheck table(TableStore tables, String table) {
        return new HealthCheck("table:" + table, () -> {
            tables.get(table, PROBE.value(), "probe");
            return "table " + table;
        });
    }

    public static HealthCheck container(BlobStore blobs, String container) {
        return new HealthCheck("container:" + container, () -> {
            blobs.exists(new BlobKey(container, PROBE, "probe"));
            return "container " + container;
        });
    }

    public static HealthCheck queue(WorkQueue queues, String queue) {
        return new HealthCheck("queue:" + queue, () -> {
            if (!queues.queues(queue).contains(queue)) {
                throw new IllegalStateException("queue " + queue + " does not exist");
            }
            return "queue " + queue + ", about " + queues.depth(queue) + " messages";
        });
    }
}
