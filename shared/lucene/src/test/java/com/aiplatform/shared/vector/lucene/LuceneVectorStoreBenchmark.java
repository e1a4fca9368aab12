package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds indexes of N synthetic 384-d chunks and prints build rate, dense and keyword latency and
 * HNSW recall@10 against exact search. Run from the repository root:
 * <pre>
 * mvn -B -q -pl shared/lucene -am -Pbench -DskipTests -Dbench.args="sizes=10000,100000 threads=2" process-test-classes
 * </pre>
 * Arguments (key=value): sizes, threads, batch, queries, maxConn, beamWidth, candidates, ramMB, mergeWorkers,
 * segmentsPerTier, quantized, forceMerge (0 to skip; else the segment count
 * to merge down to after the build, then measured again), dir (defaults below).
 */
public final class LuceneVectorStoreBenchmark {

    private static final int K = 10;

    private LuceneVectorStoreBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> a = new HashMap<>();
        String defaults = "sizes=10000,100000 threads=2 batch=1000 queries=200 maxConn=16 beamWidth=100"
                + " candidates=100 ramMB=256 mergeWorkers=1 segmentsPerTier=4 quantized=false forceMerge=1";
        for (String arg : (defaults + " " + String.join(" ", args)).trim().split("\\s+")) {
            String[] pair = arg.split("=", 2);
            a.put(pair[0], pair[1]);
        }
        int threads = Integer.parseInt(a.get("threads"));
        int batch = Integer.parseInt(a.get("batch"));
        int queries = Integer.parseInt(a.get("queries"));
        LuceneVectorStoreOptions options = LuceneVectorStoreOptions.defaults(384)
                .withHnsw(Integer.parseInt(a.get("maxConn")), Integer.parseInt(a.get("beamWidth")))
                .withSearchCandidates(Integer.parseInt(a.get("candidates")))
                .withRamBufferSizeMB(Double.parseDouble(a.get("ramMB")))
                .withMergeWorkers(Integer.parseInt(a.get("mergeWorkers")))
                .withQuantized(Boolean.parseBoolean(a.get("quantized")))
                .withSegmentsPerTier(Integer.parseInt(a.get("segmentsPerTier")));
        System.out.printf("options %s, threads=%d batch=%d, %d cores, load %.2f%n", options, threads, batch,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        for (String size : a.get("sizes").split(",")) {
            int count = Integer.parseInt(size.trim());
            Path dir = a.containsKey("dir") ? Path.of(a.get("dir")) : Files.createTempDirectory("lucene-bench");
            try {
                run(count, threads, batch, queries, options, dir, Integer.parseInt(a.get("forceMerge")));
            } finally {
                delete(dir);
            }
        }
    }

    private static void run(int count, int threads, int batch, int queries, LuceneVectorStoreOptions options,
                            Path dir, int forceMerge) throws InterruptedException {
        SyntheticCorpus corpus = new SyntheticCorpus(384, 500);
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, options)) {
            long cpuBefore = processCpuNanos();
            double seconds = corpus.build(store, count, threads, batch);
            System.out.printf("N=%d build %.1f s wall, %.1f s process CPU, %.0f docs/s, %d segments, load %.2f%n",
                    count, seconds, (processCpuNanos() - cpuBefore) / 1e9, count / seconds, store.segmentCount(),
                    loadAverage());
            ExactNeighbours exact = new ExactNeighbours(corpus.allVectors(count));
            measure(store, corpus, exact, queries, "as built");
            if (forceMerge > 0) {
                cpuBefore = processCpuNanos();
                long start = System.nanoTime();
                store.forceMerge(forceMerge);
                System.out.printf("N=%d forceMerge(%d) %.1f s wall, %.1f s process CPU%n", count, forceMerge,
                        (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuBefore) / 1e9);
                measure(store, corpus, exact, queries, "merged");
            }
        }
    }

    private static void measure(LuceneVectorStore store, SyntheticCorpus corpus, ExactNeighbours exact, int queries,
                                String label) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int q = 0; q < 50; q++) {
            store.search(VectorQuery.dense(SyntheticCorpus.TENANT, java.util.Set.of("tenant"), corpus.queryVector(q), K, Map.of()));
            store.search(VectorQuery.keyword(SyntheticCorpus.TENANT, java.util.Set.of("tenant"), corpus.queryText(q), K, Map.of()));
        }
        long[] dense = new long[queries];
        long[] denseCpu = new long[queries];
        long[] keyword = new long[queries];
        long[] keywordCpu = new long[queries];
        double recall = 0;
        for (int q = 0; q < queries; q++) {
            float[] vector = corpus.queryVector(1000 + q);
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<VectorMatch> found = store.search(VectorQuery.dense(SyntheticCorpus.TENANT, java.util.Set.of("tenant"), vector, K, Map.of()));
            dense[q] = System.nanoTime() - start;
            denseCpu[q] = cpu.getCurrentThreadCpuTime() - cpuStart;
            String text = corpus.queryText(1000 + q);
            cpuStart = cpu.getCurrentThreadCpuTime();
            start = System.nanoTime();
            store.search(VectorQuery.keyword(SyntheticCorpus.TENANT, java.util.Set.of("tenant"), text, K, Map.of()));
            keyword[q] = System.nanoTime() - start;
            keywordCpu[q] = cpu.getCurrentThreadCpuTime() - cpuStart;
            recall += ExactNeighbours.recall(exact.topK(vector, K),
                    found.stream().map(VectorMatch::id).map(SyntheticCorpus::indexOf).toList());
        }
        double[] d = ExactNeighbours.percentiles(dense, 0.5, 0.99);
        double[] dc = ExactNeighbours.percentiles(denseCpu, 0.5, 0.99);
        double[] k = ExactNeighbours.percentiles(keyword, 0.5, 0.99);
        double[] kc = ExactNeighbours.percentiles(keywordCpu, 0.5, 0.99);
        System.out.printf("  %s (%d segments, load %.2f): dense p50 %.2f / p99 %.2f ms (CPU %.2f / %.2f);"
                        + " keyword p50 %.2f / p99 %.2f ms (CPU %.2f / %.2f); recall@%d %.4f at %d candidates%n",
                label, store.segmentCount(), loadAverage(), d[0], d[1], dc[0], dc[1], k[0], k[1], kc[0], kc[1],
                K, recall / queries, store.options().searchCandidates());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
