package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.AssistantTestKit;
import com.aiplatform.assistant.files.ExtractionJob;
import com.aiplatform.assistant.files.FileRepository;
import com.aiplatform.assistant.files.FileStatus;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.assistant.files.FileStorage;
import com.aiplatform.assistant.files.ImageHeaders;
import com.aiplatform.assistant.files.Upload;
import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobNames;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.assistant.AssistantTestKit.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At-least-once delivery: a failure that is not the file's is thrown for the queue to retry, until the last attempt. */
class ExtractionRetryTest {

    @TempDir
    Path scratch;

    /** Blob storage whose reads fail while {@code down} is set, as during an outage. */
    private static final class FlakyBlobStore implements BlobStore {
        private final InMemoryBlobStore delegate = new InMemoryBlobStore();
        private boolean down;

        @Override
        public void upsert(BlobKey key, byte[] content, String contentType, Map<String, String> metadata) {
            delegate.upsert(key, content, contentType, metadata);
        }

        @Override
        public Optional<Blob> get(BlobKey key) {
            if (down) {
                throw new IllegalStateException("blob storage is unavailable");
            }
            return delegate.get(key);
        }

        @Override
        public boolean exists(BlobKey key) {
            return delegate.exists(key);
        }

        @Override
        public void delete(BlobKey key) {
            delegate.delete(key);
        }

        @Override
        public List<BlobKey> list(String container, TenantId tenant, String prefix) {
            return delegate.list(container, tenant, prefix);
        }

        @Override
        public BlobNames listUnpartitioned(String container, String prefix, int max, String continuation) {
            return delegate.listUnpartitioned(container, prefix, max, continuation);
        }

        @Override
        public Optional<byte[]> getUnpartitioned(String container, String name) {
            return delegate.getUnpartitioned(container, name);
        }

        @Override
        public void upsertUnpartitioned(String container, String name, byte[] content, String contentType) {
            delegate.upsertUnpartitioned(container, name, content, contentType);
        }

        @Override
        public void deleteUnpartitioned(String container, String name) {
            delegate.deleteUnpartitioned(container, name);
        }
    }

    /** A constant embedder: this test is about retries, not retrieval. */
    private static final Embedder EMBEDDER = new Embedder() {
        @Override
        public EmbeddingModel model() {
            return new EmbeddingModel("constant", 2, 256);
        }

        @Override
        public Embeddings embed(List<String> texts) {
            return new Embeddings(texts.stream().map(t -> new float[] {1, 0}).toList(), texts.size());
        }
    };

    @Test
    void should_throw_for_a_retry_and_mark_the_file_failed_only_on_the_last_attempt_when_storage_fails() {
        var blobs = new FlakyBlobStore();
        var storage = new FileStorage(new FileRepository(new InMemoryTableStore(), "files"), blobs, "assistant-files",
                new InMemoryWorkQueue(Clock.systemUTC()), "jobs");
        var types = new MediaTypes(FileService.ACCEPTED);
        var headers = new ImageHeaders(1_000_000);
        var files = new com.aiplatform.assistant.files.FileService(storage, types, headers, Clock.systemUTC());
        var service = new ExtractionService(storage, new FileReader(types, new DocumentReader(10_000, scratch),
                new ImageExtractor(headers, OcrEngine.NONE), 10_000), new Chunks(EMBEDDER, 20, 5),
                new UsageMeter(PriceTable.parse(""), new InMemoryUsageSink(), Clock.systemUTC()),
                new FileEvents(event -> { }, Clock.systemUTC()), Clock.systemUTC(), "constant");
        String id = files.upload(AssistantTestKit.call(ALICE), new Upload("Some text to read.".getBytes(), "text/plain",
                Optional.empty())).file().fileId();
        var job = new ExtractionJob(ALICE.tenant().value(), id, null);
        blobs.down = true;

        assertThatThrownBy(() -> service.run(job, 1, 3)).hasMessageContaining("unavailable");
        assertThat(files.get(ALICE.tenant(), id).status()).isEqualTo(FileStatus.PROCESSING);
        service.run(job, 3, 3);
        assertThat(files.get(ALICE.tenant(), id).status()).isEqualTo(FileStatus.FAILED);
        assertThat(files.get(ALICE.tenant(), id).error()).containsEntry("status", 422);

        blobs.down = false;
        service.run(job, 4, 3);
        assertThat(files.get(ALICE.tenant(), id).status()).as("a finished file is left alone").isEqualTo(FileStatus.FAILED);
    }
}
