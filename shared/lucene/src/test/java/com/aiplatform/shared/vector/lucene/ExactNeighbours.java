package com.aiplatform.shared.vector.lucene;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Brute-force top-k by dot product: the ground truth that HNSW recall is measured against. */
final class ExactNeighbours {

    private final float[][] vectors;

    ExactNeighbours(float[][] vectors) {
        this.vectors = vectors;
    }

    /** Indexes of the {@code k} nearest vectors, best first. */
    List<Integer> topK(float[] query, int k) {
        double[] scores = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += query[d] * v[d];
            }
            scores[i] = dot;
        }
        return IntStream.range(0, vectors.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(k)
                .toList();
    }

    /** Share of the exact top-k that the approximate list found. */
    static double recall(List<Integer> exact, List<Integer> approximate) {
        return (double) exact.stream().filter(approximate::contains).count() / exact.size();
    }

    static double[] percentiles(long[] nanos, double... quantiles) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double[] result = new double[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            int index = Math.min(sorted.length - 1, (int) Math.ceil(quantiles[i] * sorted.length) - 1);
            result[i] = sorted[Math.max(0, index)] / 1e6;
        }
        return result;
    }
}
