package com.aiplatform.shared.azure;

import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.identity.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azurite on a folder, as {@code ./platform start} runs it: what was written just before it stopped is there when
 * it starts again (it keeps its metadata in memory and saves it every 5 s, and on a clean stop).
 */
class AzuriteRestartTest {

    @Test
    void should_keep_a_blob_written_just_before_stopping_when_started_again_on_the_same_folder(@TempDir Path folder) {
        for (int run = 0; run < 3; run++) {
            try (Azurite azurite = Azurite.start(folder)) {
                var blobs = AzureStorageClients.fromConnectionString(azurite.connectionString()).blobStore();
                for (int earlier = 0; earlier < run; earlier++) {
                    assertThat(blobs.get(key(earlier))).as("blob of run " + earlier + " after run " + run + " started")
                            .isPresent();
                }
                blobs.upsert(key(run), ("run " + run).getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
            }
        }
    }

    private static BlobKey key(int run) {
        return new BlobKey("restarts", TenantId.of("t"), "run-" + run);
    }
}
