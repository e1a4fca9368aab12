package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chunks for recall tests and benchmarks: clustered unit vectors and ~60 words of text each, a third of
 * them from the chunk's topic and the rest Zipf-distributed over a shared vocabulary, so that BM25 has
 * common and rare terms to weigh.
 */
final class SyntheticCorpus {

    static final TenantId TENANT = TenantId.of("bench");
    private static final long DATA_SEED = 1;
    private static final long QUERY_SEED = 2;
    private static final int VOCABULARY = 20_000;
    private static final int TOPIC_WORDS = 40;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su",
            "gra", "blo", "tri", "sen", "mor", "dal", "fin", "quo", "hex", "wy"};

    private final int dimensions;
    private final ClusteredVectors vectors;
    private final int clusters;
    private final double[] zipf;

    SyntheticCorpus(int dimensions, int clusters) {
        this.dimensions = dimensions;
        this.clusters = clusters;
        this.vectors = new ClusteredVectors(dimensions, clusters, 42);
        this.zipf = new double[VOCABULARY];
        double sum = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            sum += 1.0 / (rank + 1);
            zipf[rank] = sum;
        }
        for (int rank = 0; rank < VOCABULARY; rank++) {
            zipf[rank] /= sum;
        }
    }

    int dimensions() {
        return dimensions;
    }

    VectorRecord record(int index) {
        SplittableRandom random = new SplittableRandom(index * 31L + 7);
        int cluster = vectors.cluster(DATA_SEED, index);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 60; w++) {
            text.append(w % 3 == 0 ? topicWord(cluster, random) : word(zipfRank(random))).append(' ');
        }
        return new VectorRecord(TENANT, "c" + index, "d" + index / 10, text.toString().trim(),
                vectors.vector(DATA_SEED, index), Map.of("cluster", Integer.toString(cluster % 10)), java.util.Set.of("tenant"));
    }

    float[] vector(int index) {
        return vectors.vector(DATA_SEED, index);
    }

    float[] queryVector(int index) {
        return vectors.vector(QUERY_SEED, index);
    }

    /** Three topic words and one common word, like a short user question. */
    String queryText(int index) {
        SplittableRandom random = new SplittableRandom(index * 17L + 3);
        int cluster = random.nextInt(clusters);
        return topicWord(cluster, random) + " " + topicWord(cluster, random) + " " + word(zipfRank(random))
                + " " + topicWord(cluster, random);
    }

    static int indexOf(String id) {
        return Integer.parseInt(id.substring(1));
    }

    /** Upserts records 0..count-1 in batches from {@code threads} threads; returns the seconds it took. */
    double build(VectorStore store, int count, int threads, int batch) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int from = next.getAndAdd(batch); from < count; from = next.getAndAdd(batch)) {
                        List<VectorRecord> records = new ArrayList<>(batch);
                        for (int i = from; i < Math.min(count, from + batch); i++) {
                            records.add(record(i));
                        }
                        store.upsert(records);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Building the index failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    float[][] allVectors(int count) {
        float[][] all = new float[count][];
        Arrays.setAll(all, this::vector);
        return all;
    }

    private String topicWord(int cluster, SplittableRandom random) {
        return word(1000 + cluster * TOPIC_WORDS + random.nextInt(TOPIC_WORDS));
    }

    private int zipfRank(SplittableRandom random) {
        int rank = Arrays.binarySearch(zipf, random.nextDouble());
        return rank >= 0 ? rank : Math.min(VOCABULARY - 1, -rank - 1);
    }

    private static String word(int rank) {
        StringBuilder word = new StringBuilder();
        int n = rank;
        do {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return word.append(SYLLABLES[rank % 7]).toString();
    }
}
