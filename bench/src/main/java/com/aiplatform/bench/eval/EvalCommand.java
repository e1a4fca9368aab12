package com.aiplatform.bench.eval;

import com.aiplatform.knowledge.search.SearchHit;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./platform eval --beir <folder>}: nDCG@10 and recall@100 of keyword, dense and hybrid
 * retrieval on any BEIR-format folder, ingesting and searching through the knowledge app's own code.
 * Chunk hits are mapped to their documents in rank order, each document counted once; recall@100 counts
 * 100 distinct documents.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Retrieval quality (nDCG@10, recall@100) on a BEIR folder, for keyword, dense and hybrid search.")
public final class EvalCommand implements Callable<Integer> {

    static final int DEPTH = 100;

    @Option(names = "--beir", required = true, description = "Folder with corpus.jsonl[.gz], queries.jsonl and qrels.tsv.")
    Path folder;

    @Option(names = "--threads", defaultValue = "2", description = "Ingest threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--max-queries", description = "Evaluate only the first N judged queries.")
    Integer maxQueries;

    @Option(names = "--fusion-sweep", description = "Also rank hybrid results by several weighted reciprocal rank "
            + "fusions of the same dense and keyword rankings, with a 2-fold cross-validated choice.")
    boolean fusionSweep;

    @Option(names = "--set", description = "A setting for the knowledge app, e.g. --set ONNX_EMBEDDING_VARIANT=int8.")
    Map<String, String> settings = Map.of();

    @Override
    public Integer call() {
        BeirDataset dataset = BeirDataset.load(folder);
        List<BeirDataset.Query> queries = dataset.firstQueries(maxQueries);
        System.out.printf("%s: %d documents, %d judged queries%n", folder, dataset.corpus().size(), queries.size());
        try (var harness = new KnowledgeHarness(settings)) {
            long start = System.nanoTime();
            long chunks = harness.ingest(dataset.corpus(), threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ingested %d documents as %d chunks in %.1f s: %.1f documents/s, %.1f chunks/s%n",
                    dataset.corpus().size(), chunks, seconds, dataset.corpus().size() / seconds, chunks / seconds);
            System.out.printf("%-8s %8s %10s%n", "mode", "nDCG@10", "recall@100");
            for (SearchMode mode : List.of(SearchMode.KEYWORD, SearchMode.DENSE, SearchMode.HYBRID)) {
                double ndcg = 0;
                double recall = 0;
                for (BeirDataset.Query query : queries) {
                    List<String> ranked = rankedDocuments(harness, query.text(), mode);
                    Map<String, Integer> relevant = dataset.qrels().get(query.id());
                    ndcg += RetrievalMetrics.ndcg(ranked, relevant, 10);
                    recall += RetrievalMetrics.recall(ranked, relevant, DEPTH);
                }
                System.out.printf("%-8s %8.4f %10.4f%n", mode.wire(), ndcg / queries.size(), recall / queries.size());
            }
            if (fusionSweep) {
                FusionSweep.run(harness, dataset, queries);
            }
        }
        return 0;
    }

    /**
     * The first {@value #DEPTH} distinct documents of the ranking: chunk hits are folded into their documents
     * in rank order, asking for more chunks until {@value #DEPTH} documents are found or the index runs out.
     */
    static List<String> rankedDocuments(KnowledgeHarness harness, String query, SearchMode mode) {
        var documents = new LinkedHashSet<String>();
        for (int chunks = 4 * DEPTH; ; chunks *= 2) {
            List<SearchHit> hits = harness.app().search().search(KnowledgeHarness.CALLER,
                    new SearchRequest(truncate(query), DEPTH, mode, Map.of()), chunks).results();
            documents.clear();
            hits.forEach(hit -> documents.add(hit.documentId()));
            if (documents.size() >= DEPTH || hits.size() < chunks) {
                return new ArrayList<>(documents).subList(0, Math.min(DEPTH, documents.size()));
            }
        }
    }

    static String truncate(String query) {
        return query.length() <= SearchRequest.MAX_QUERY_LENGTH ? query : query.substring(0, SearchRequest.MAX_QUERY_LENGTH);
    }
}
