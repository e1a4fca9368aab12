package com.aiplatform.bench.eval;

import java.util.List;
import java.util.Map;

/** nDCG@k and recall@k as BEIR (pytrec_eval) computes them: graded gains, log2 discount. */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int gain = relevant.getOrDefault(ranked.get(i), 0);
            dcg += gain / log2(i + 2);
        }
        List<Integer> ideal = relevant.values().stream().filter(g -> g > 0)
                .sorted((a, b) -> Integer.compare(b, a)).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
        long relevantCount = relevant.values().stream().filter(g -> g > 0).count();
        if (relevantCount == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(id -> relevant.getOrDefault(id, 0) > 0).count();
        return (double) found / relevantCount;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
