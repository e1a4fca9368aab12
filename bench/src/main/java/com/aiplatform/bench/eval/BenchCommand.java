package com.aiplatform.bench.eval;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;
import com.aiplatform.shared.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./platform bench-knowledge --beir <folder>}: ingest throughput and hybrid search latency
 * (query embedding included), in process and through the HTTP route, at the given index sizes. The
 * corpus is repeated under new document ids until an index holds the requested number of chunks.
 */
@Command(name = "bench-knowledge", mixinStandardHelpOptions = true,
        description = "Ingest throughput (chunks/s) and search latency p50/p99, in process and over HTTP.")
public final class BenchCommand implements Callable<Integer> {

    private static final int SAMPLE_DOCUMENTS = 200;

    @Option(names = "--beir", required = true, description = "BEIR folder whose corpus and queries are used.")
    Path folder;

    @Option(names = "--chunks", split = ",", defaultValue = "10000,100000",
            description = "Index sizes in chunks. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--threads", defaultValue = "2", description = "Ingest threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--queries", defaultValue = "300", description = "Timed queries per measurement.")
    int queryCount;

    @Option(names = "--set", description = "A setting for the knowledge app, e.g. --set KNOWLEDGE_CHUNK_TOKENS=64.")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        BeirDataset dataset = BeirDataset.load(folder);
        System.out.printf("settings: %s%n", settings);
        System.out.printf("%8s %9s %11s %9s | %-22s | %-22s%n", "chunks", "docs", "chunks/s", "seconds",
                "in process p50/p99 ms", "HTTP p50/p99 ms");
        for (int target : sizes) {
            try (var harness = new KnowledgeHarness(settings)) {
                long chunks = 0;
                int docs = 0;
                long start = System.nanoTime();
                while (chunks < target) {
                    // A first small round measures chunks per document; later rounds aim at the target.
                    int take = docs == 0 ? SAMPLE_DOCUMENTS
                            : (int) Math.max(1, Math.ceil((target - chunks) / ((double) chunks / docs)));
                    chunks += harness.ingest(cycle(dataset.corpus(), docs, take), threads);
                    docs += take;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                List<String> queries = dataset.queries().stream().map(BeirDataset.Query::text).toList();
                double[] inProcess = timeInProcess(harness, queries);
                double[] http = timeHttp(harness, queries);
                System.out.printf("%8d %9d %11.1f %9.1f | %9.2f / %-10.2f | %9.2f / %-10.2f%n", chunks, docs,
                        chunks / seconds, seconds, Percentiles.percentile(inProcess, 50), Percentiles.percentile(inProcess, 99),
                        Percentiles.percentile(http, 50), Percentiles.percentile(http, 99));
            }
        }
        return 0;
    }

    /** {@code count} documents from position {@code from} of the corpus repeated, later passes under new ids. */
    static List<BeirDataset.Document> cycle(List<BeirDataset.Document> corpus, int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(i -> {
            BeirDataset.Document d = corpus.get(i % corpus.size());
            int pass = i / corpus.size();
            return new BeirDataset.Document(pass == 0 ? d.id() : d.id() + "-r" + pass, d.title(), d.text());
        }).toList();
    }

    private double[] timeInProcess(KnowledgeHarness harness, List<String> queries) {
        for (int i = 0; i < 50; i++) {
            search(harness, queries.get(i % queries.size()));
        }
        double[] millis = new double[queryCount];
        for (int i = 0; i < queryCount; i++) {
            long start = System.nanoTime();
            search(harness, queries.get(i % queries.size()));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static void search(KnowledgeHarness harness, String query) {
        harness.app().search().search(KnowledgeHarness.CALLER, new SearchRequest(query, 10, SearchMode.HYBRID, Map.of()));
    }

    private double[] timeHttp(KnowledgeHarness harness, List<String> queries) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(harness.baseUrl() + "/api/v1/knowledge/search");
        String[] identity = harness.callerHeaders();
        for (int i = 0; i < 50; i++) {
            post(client, uri, identity, queries.get(i % queries.size()));
        }
        double[] millis = new double[queryCount];
        for (int i = 0; i < queryCount; i++) {
            long start = System.nanoTime();
            post(client, uri, identity, queries.get(i % queries.size()));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static void post(HttpClient client, URI uri, String[] identity, String query)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).headers(identity)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("query", query, "topK", 10))))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Search answered " + response.statusCode() + ": " + response.body());
        }
        // Dense retrieval always has neighbours in a filled index: no results means the wrong tenant was searched.
        if (Json.tree(response.body()).path("results").isEmpty()) {
            throw new IllegalStateException("Search over HTTP found nothing for '" + query + "': not the ingested tenant?");
        }
    }

}
