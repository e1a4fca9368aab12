package com.aiplatform.shared.embedding.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Throughput of {@link OnnxEmbedder} on SciFact: documents per second (median of three runs over the first
 * N documents, title + " " + text, one {@code embed} call) and single-query latency over short queries.
 * Arguments, all optional, as key=value: {@code dataset=/path/to/scifact documents=500 queries=200
 * models=all-minilm-l6-v2 variants=FP32,INT8 batch=8 threads=1 parallel=<processors> spin=false runs=3}; every
 * combination of
 * comma-separated values is tried.
 * Run with {@code mvn -B -q -pl shared/onnx -am -Pbench process-test-classes -Dbench.args="documents=300"}.
 */
public final class OnnxEmbedderBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxEmbedderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of(
                "dataset", "/work/shared/datasets/scifact", "documents", "500", "queries", "200",
                "variants", "FP32,INT8", "batch", String.valueOf(OnnxEmbedderOptions.DEFAULT_BATCH_SIZE),
                "spin", "false", "parallel", String.valueOf(Runtime.getRuntime().availableProcessors()),
                "threads", "1", "runs", "3", "models", OnnxModel.ALL_MINILM_L6_V2.modelName()));
        for (String arg : args) {
            for (String pair : arg.trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    settings.put(kv[0], kv[1]);
                }
            }
        }
        Path dataset = Path.of(settings.get("dataset"));
        List<String> documents = documents(dataset.resolve("corpus.jsonl.gz"), Integer.parseInt(settings.get("documents")));
        List<String> queries = queries(dataset.resolve("queries.jsonl"), Integer.parseInt(settings.get("queries")));
        int runs = Integer.parseInt(settings.get("runs"));
        System.out.printf("documents=%d queries=%d runs=%d processors=%d load average at start: %s%n",
                documents.size(), queries.size(), runs, Runtime.getRuntime().availableProcessors(), loadAverage());
        for (OnnxEmbedderOptions options : combinations(settings)) {
            measure(options, documents, queries, runs);
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    /** Every combination of the comma-separated values of models, variants, batch, threads, parallel and spin. */
    private static List<OnnxEmbedderOptions> combinations(Map<String, String> settings) {
        List<OnnxEmbedderOptions> all = new ArrayList<>();
        for (String model : settings.get("models").split(",")) {
            for (String variant : settings.get("variants").split(",")) {
                for (String batch : settings.get("batch").split(",")) {
                    for (String threads : settings.get("threads").split(",")) {
                        for (String parallel : settings.get("parallel").split(",")) {
                            for (String spin : settings.get("spin").split(",")) {
                                all.add(new OnnxEmbedderOptions(OnnxEmbedder.Variant.valueOf(variant),
                                        Integer.parseInt(batch), Integer.parseInt(threads), Integer.parseInt(parallel),
                                        Boolean.parseBoolean(spin), OnnxModel.fromName(model)));
                            }
                        }
                    }
                }
            }
        }
        return all;
    }

    private static void measure(OnnxEmbedderOptions options, List<String> documents, List<String> queries, int runs) {
        long loadStart = System.nanoTime();
        try (OnnxEmbedder embedder = OnnxEmbedder.load(options)) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            embedder.embed(documents.subList(0, Math.min(32, documents.size())));
            double[] rates = new double[runs];
            double[] cpuRates = new double[runs];
            long tokens = 0;
            for (int run = 0; run < runs; run++) {
                long cpuStart = cpuNanos();
                long start = System.nanoTime();
                tokens = embedder.embed(documents).inputTokens();
                rates[run] = documents.size() / ((System.nanoTime() - start) / 1e9);
                cpuRates[run] = documents.size() / ((cpuNanos() - cpuStart) / 1e9);
            }
            Arrays.sort(cpuRates);
            Arrays.sort(rates);
            double[] latencies = new double[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                embedder.embed(queries.get(i));
                latencies[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(latencies);
            System.out.printf("%s %-5s batch=%-3d threads=%d parallel=%d spin=%-5s load=%.1fs  docs/s median=%.1f (min %.1f, max %.1f)"
                            + "  docs per CPU-second=%.1f  tokens/doc=%.0f  query p50=%.1fms p99=%.1fms"
                            + "  load average: %s%n",
                    options.model().modelName(), options.variant(), options.batchSize(), options.intraOpThreads(), options.parallelBatches(),
                    options.spinWait(), loadSeconds,
                    rates[runs / 2], rates[0], rates[runs - 1], cpuRates[runs / 2], (double) tokens / documents.size(),
                    percentile(latencies, 0.50), percentile(latencies, 0.99), loadAverage());
        }
    }

    /** CPU time of the whole process, so that a figure survives other work on the same cores. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    static List<String> documents(Path corpus, int limit) throws IOException {
        List<String> documents = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
            String line;
            while (documents.size() < limit && (line = reader.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                documents.add(node.path("title").asText() + " " + node.path("text").asText());
            }
        }
        return documents;
    }

    static List<String> queries(Path file, int limit) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .limit(limit)
                .map(OnnxEmbedderBenchmark::readText)
                .toList();
    }

    private static String readText(String line) {
        try {
            return JSON.readTree(line).path("text").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON line: " + line, e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
