package com.aiplatform.knowledge.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How hybrid search fuses its dense and keyword rankings: weighted reciprocal rank fusion (Cormack et al., 2009),
 * score = denseWeight / (k + dense rank) + keywordWeight / (k + keyword rank), ranks from 1. It needs no score
 * calibration between the two retrievers; the weights let the better retriever lead.
 */
public record Fusion(int k, double denseWeight, double keywordWeight) {

    /** Plain reciprocal rank fusion, both rankings alike. */
    public static final Fusion EQUAL = new Fusion(60, 1, 1);

    public Fusion {
        if (k < 1) {
            throw new IllegalArgumentException("The fusion constant k must be at least 1, not " + k);
        }
        if (!finiteAndNotNegative(denseWeight) || !finiteAndNotNegative(keywordWeight)
                || denseWeight + keywordWeight == 0) {
            throw new IllegalArgumentException("Fusion weights must be finite, zero or more and not both zero, not "
                    + denseWeight + " and " + keywordWeight);
        }
    }

    private static boolean finiteAndNotNegative(double weight) {
        return Double.isFinite(weight) && weight >= 0;
    }

    /** The fused score of every id of either ranking, in the order first seen (dense first). */
    public Map<String, Double> scores(List<String> dense, List<String> keyword) {
        Map<String, Double> fused = new LinkedHashMap<>();
        add(dense, denseWeight, fused);
        add(keyword, keywordWeight, fused);
        return fused;
    }

    private void add(List<String> ranking, double weight, Map<String, Double> fused) {
        for (int rank = 0; rank < ranking.size(); rank++) {
            fused.merge(ranking.get(rank), weight / (k + rank + 1), Double::sum);
        }
    }
}
