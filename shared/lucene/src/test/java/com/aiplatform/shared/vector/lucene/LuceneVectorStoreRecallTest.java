package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HNSW against exact search on clustered 384-d unit vectors. 5k by default (~4 s) to keep the suite fast
 * on a shared machine; the 20k run takes ~20 s on two lightly loaded cores (minutes on busy ones):
 * {@code mvn -pl shared/lucene -am test -Dtest=LuceneVectorStoreRecallTest -Dlucene.recall.count=20000}.
 * The benchmark measures 10k and 100k.
 */
class LuceneVectorStoreRecallTest {

    private static final int COUNT = Integer.getInteger("lucene.recall.count", 5_000);
    private static final int QUERIES = 50;
    private static final int K = 10;

    @TempDir
    Path directory;

    @Test
    void should_find_95_percent_of_exact_top_10_when_searching_with_hnsw() throws InterruptedException {
        SyntheticCorpus corpus = new SyntheticCorpus(384, 200);
        ExactNeighbours exact = new ExactNeighbours(corpus.allVectors(COUNT));
        double recall = 0;
        try (LuceneVectorStore store = LuceneVectorStore.open(directory, LuceneVectorStoreOptions.defaults(384))) {
            corpus.build(store, COUNT, 2, 2500);
            assertThat(store.count(SyntheticCorpus.TENANT)).isEqualTo(COUNT);
            for (int q = 0; q < QUERIES; q++) {
                float[] query = corpus.queryVector(q);
                List<Integer> found = store.search(VectorQuery.dense(SyntheticCorpus.TENANT, java.util.Set.of("tenant"), query, K, Map.of()))
                        .stream().map(VectorMatch::id).map(SyntheticCorpus::indexOf).toList();
                recall += ExactNeighbours.recall(exact.topK(query, K), found);
            }
        }
        assertThat(recall / QUERIES).isGreaterThanOrEqualTo(0.95);
    }
}
