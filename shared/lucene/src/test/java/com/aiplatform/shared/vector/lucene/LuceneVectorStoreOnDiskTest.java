package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** What the Lucene store adds to the contract: durability, concurrency, forceMerge, refusal of misuse. */
class LuceneVectorStoreOnDiskTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final LuceneVectorStoreOptions OPTIONS = LuceneVectorStoreOptions.defaults(4);

    @TempDir
    Path directory;

    @Test
    void should_keep_acknowledged_writes_when_closed_and_reopened() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            store.upsert(List.of(record("a1", "doc-a", "refund policy", 1, 0, 0, 0),
                    record("a2", "doc-a", "shipping times", 0, 1, 0, 0),
                    record("b1", "doc-b", "warranty terms", 0, 0, 1, 0)));
            store.deleteDocument(ACME, "doc-a");
            store.upsert(List.of(record("c1", "doc-c", "opening hours", 0, 0, 0, 1)));
        }
        try (LuceneVectorStore reopened = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThat(reopened.count(ACME)).isEqualTo(2);
            List<VectorMatch> matches = reopened.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), vector(0, 0, 1, 0), 1, Map.of()));
            assertThat(matches).extracting(VectorMatch::id).containsExactly("b1");
            assertThat(matches.get(0).text()).isEqualTo("warranty terms");
            assertThat(matches.get(0).metadata()).containsEntry("source", "b1.md");
        }
    }

    @Test
    void should_lose_no_record_when_many_threads_upsert_and_search_at_once()
            throws InterruptedException, ExecutionException {
        int threads = 4;
        int callsPerThread = 10;
        int recordsPerCall = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int call = 0; call < callsPerThread; call++) {
                        List<VectorRecord> records = new ArrayList<>();
                        for (int r = 0; r < recordsPerCall; r++) {
                            String id = thread + "-" + call + "-" + r;
                            records.add(record(id, "doc-" + thread, "chunk " + id, 1, r, call, thread));
                        }
                        store.upsert(records);
                    }
                }));
            }
            Callable<Integer> reader = () -> {
                int largest = 0;
                for (int i = 0; i < 50; i++) {
                    largest = Math.max(largest,
                            store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), vector(1, 1, 1, 1), 5, Map.of())).size());
                }
                return largest;
            };
            Future<Integer> largestResult = pool.submit(reader);
            for (Future<?> future : futures) {
                future.get();
            }
            assertThat(largestResult.get()).isBetween(0, 5);
            assertThat(store.count(ACME)).isEqualTo((long) threads * callsPerThread * recordsPerCall);
        } finally {
            pool.shutdownNow();
        }
        try (LuceneVectorStore reopened = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThat(reopened.count(ACME)).isEqualTo((long) threads * callsPerThread * recordsPerCall);
        }
    }

    @Test
    void should_leave_one_segment_and_same_results_when_force_merged() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            for (int i = 0; i < 5; i++) {
                store.upsert(List.of(record("r" + i, "doc", "chunk " + i, 1, i, 0, 0)));
            }
            assertThat(store.segmentCount()).isGreaterThan(1);
            store.forceMerge(1);
            assertThat(store.segmentCount()).isEqualTo(1);
            assertThat(store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), vector(1, 0, 0, 0), 1, Map.of())))
                    .extracting(VectorMatch::id).containsExactly("r0");
        }
    }

    @Test
    void should_refuse_vector_when_dimensions_differ() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThatThrownBy(() -> store.upsert(List.of(new VectorRecord(ACME, "x", "d", "t",
                    new float[] {1, 0, 0}, Map.of(), java.util.Set.of("tenant")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 dimensions");
            assertThatThrownBy(() -> store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), new float[] {1, 0}, 1, Map.of())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.count(ACME)).isZero();
        }
    }

    @Test
    void should_refuse_non_unit_vector_when_similarity_is_dot_product() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThatThrownBy(() -> store.upsert(List.of(new VectorRecord(ACME, "x", "d", "t",
                    new float[] {3, 4, 0, 0}, Map.of(), java.util.Set.of("tenant")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COSINE");
        }
    }

    @Test
    void should_rank_raw_vectors_by_angle_when_similarity_is_cosine() {
        LuceneVectorStoreOptions cosine = OPTIONS.withSimilarity(LuceneVectorStoreOptions.Similarity.COSINE);
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, cosine)) {
            store.upsert(List.of(new VectorRecord(ACME, "long", "d", "t", new float[] {30, 1, 0, 0}, Map.of(), java.util.Set.of("tenant")),
                    new VectorRecord(ACME, "short", "d", "t", new float[] {0.1f, 0.1f, 0, 0}, Map.of(), java.util.Set.of("tenant"))));
            List<VectorMatch> matches = store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), new float[] {2, 2, 0, 0}, 2, Map.of()));
            assertThat(matches).extracting(VectorMatch::id).containsExactly("short", "long");
            assertThat(matches.get(0).score()).isCloseTo(1.0, offset(1e-4));
        }
    }

    @Test
    void should_refuse_to_open_when_index_holds_other_dimensions() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            store.upsert(List.of(record("a1", "doc-a", "text", 1, 0, 0, 0)));
        }
        assertThatThrownBy(() -> LuceneVectorStore.open(directory, LuceneVectorStoreOptions.defaults(8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("4-dimensional");
        try (LuceneVectorStore reopened = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThat(reopened.count(ACME)).isEqualTo(1);
        }
    }

    @Test
    void should_refuse_second_store_when_directory_is_in_use() {
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS)) {
            assertThatThrownBy(() -> LuceneVectorStore.open(directory, OPTIONS))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("another process");
            assertThat(store.health().up()).isTrue();
        }
    }

    @Test
    void should_report_down_and_refuse_calls_when_closed() {
        LuceneVectorStore store = LuceneVectorStore.open(directory, OPTIONS);
        store.close();
        store.close();
        assertThat(store.health().up()).isFalse();
        assertThatThrownBy(() -> store.count(ACME)).isInstanceOf(IllegalStateException.class);
    }

    private static VectorRecord record(String id, String documentId, String text, float... values) {
        return new VectorRecord(ACME, id, documentId, text, vector(values), Map.of("source", id + ".md"), java.util.Set.of("tenant"));
    }

    private static float[] vector(float... values) {
        float[] v = values.clone();
        ClusteredVectors.normalise(v);
        return v;
    }
}
