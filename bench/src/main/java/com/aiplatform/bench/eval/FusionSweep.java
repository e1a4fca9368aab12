package com.aiplatform.bench.eval;

import com.aiplatform.knowledge.search.Fusion;
import com.aiplatform.knowledge.search.SearchHit;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Hybrid nDCG@10 for several weighted reciprocal rank fusions of the same dense and keyword chunk rankings
 * (fused by the knowledge app's own {@link Fusion}, ties broken as its search does), so one index answers for
 * every weighting. Each weighting fuses either the chunk rankings (as the app's search does) or the document
 * rankings they fold into (each document at its best chunk's rank), which lets a document found by one chunk in
 * the dense ranking and another in the keyword ranking collect both. The choice is cross-validated: the queries are split by position into two folds, the best
 * fusion on one fold is scored on the other, and the two held-out scores are averaged, so the figure is not
 * a weighting picked on the queries it is reported on.
 */
final class FusionSweep {

    private static final int CHUNKS = 4 * EvalCommand.DEPTH;
    private static final int[] KS = {10, 30, 60};
    private static final double[] DENSE_WEIGHTS = {1, 1.5, 2, 3, 4, 6, 8};
    private static final boolean[] LEVELS = {false, true};

    private FusionSweep() {
    }

    static void run(KnowledgeHarness harness, BeirDataset dataset, List<BeirDataset.Query> queries) {
        List<Fusion> fusions = new ArrayList<>();
        List<Boolean> byDocument = new ArrayList<>();
        for (boolean documentLevel : LEVELS) {
            for (int k : KS) {
                for (double weight : DENSE_WEIGHTS) {
                    fusions.add(new Fusion(k, weight, 1));
                    byDocument.add(documentLevel);
                }
            }
        }
        double[][] ndcg = new double[fusions.size()][queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            String text = EvalCommand.truncate(queries.get(q).text());
            Map<String, String> documentOf = new HashMap<>();
            List<String> dense = chunkIds(harness, text, SearchMode.DENSE, documentOf);
            List<String> keyword = chunkIds(harness, text, SearchMode.KEYWORD, documentOf);
            Map<String, Integer> relevant = dataset.qrels().get(queries.get(q).id());
            for (int f = 0; f < fusions.size(); f++) {
                List<String> ranked = byDocument.get(f)
                        ? fused(fusions.get(f), fold(dense, documentOf), fold(keyword, documentOf), id -> id)
                        : fused(fusions.get(f), dense, keyword, documentOf::get);
                ndcg[f][q] = RetrievalMetrics.ndcg(ranked, relevant, 10);
            }
        }
        System.out.printf("%-36s %8s %8s %8s%n", "hybrid fusion (ranks of, k, dense:keyword)", "nDCG@10", "fold A",
                "fold B");
        for (int f = 0; f < fusions.size(); f++) {
            Fusion fusion = fusions.get(f);
            System.out.printf("%-9s k=%-3d %4.1f:1 %20.4f %8.4f %8.4f%n", label(byDocument.get(f)), fusion.k(),
                    fusion.denseWeight(), mean(ndcg[f], -1), mean(ndcg[f], 0), mean(ndcg[f], 1));
        }
        int bestOnA = best(ndcg, 0);
        int bestOnB = best(ndcg, 1);
        double heldOut = (mean(ndcg[bestOnA], 1) + mean(ndcg[bestOnB], 0)) / 2;
        System.out.printf("cross-validated hybrid nDCG@10 %.4f (best on fold A: %s of %s, scored on B %.4f; best on B: "
                        + "%s of %s, scored on A %.4f)%n", heldOut, fusions.get(bestOnA), label(byDocument.get(bestOnA)),
                mean(ndcg[bestOnA], 1), fusions.get(bestOnB), label(byDocument.get(bestOnB)), mean(ndcg[bestOnB], 0));
    }

    private static List<String> chunkIds(KnowledgeHarness harness, String query, SearchMode mode,
                                         Map<String, String> documentOf) {
        List<SearchHit> hits = harness.app().search().search(KnowledgeHarness.CALLER,
                new SearchRequest(query, EvalCommand.DEPTH, mode, Map.of()), CHUNKS).results();
        hits.forEach(hit -> documentOf.put(hit.chunkId(), hit.documentId()));
        return hits.stream().map(SearchHit::chunkId).toList();
    }

    private static String label(boolean byDocument) {
        return byDocument ? "documents" : "chunks";
    }

    /** The documents of a chunk ranking, each at its best chunk's rank. */
    private static List<String> fold(List<String> chunks, Map<String, String> documentOf) {
        var documents = new LinkedHashSet<String>();
        chunks.forEach(chunk -> documents.add(documentOf.get(chunk)));
        return new ArrayList<>(documents);
    }

    /** The fused ranking of ids, ties broken by id as the app's search does, mapped to distinct documents. */
    private static List<String> fused(Fusion fusion, List<String> dense, List<String> keyword,
                                      Function<String, String> documentOf) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(fusion.scores(dense, keyword).entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        var documents = new LinkedHashSet<String>();
        ranked.forEach(entry -> documents.add(documentOf.apply(entry.getKey())));
        return new ArrayList<>(documents);
    }

    /** The mean over all queries (fold -1) or over the queries of one fold (even or odd positions). */
    private static double mean(double[] values, int fold) {
        double sum = 0;
        int count = 0;
        for (int q = 0; q < values.length; q++) {
            if (fold < 0 || q % 2 == fold) {
                sum += values[q];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static int best(double[][] ndcg, int fold) {
        int best = 0;
        for (int f = 1; f < ndcg.length; f++) {
            if (mean(ndcg[f], fold) > mean(ndcg[best], fold)) {
                best = f;
            }
        }
        return best;
    }
}
