package com.aiplatform.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A retrieval test set in BEIR layout: {@code corpus.jsonl[.gz]} ({@code _id, title, text}),
 * {@code queries.jsonl[.gz]} ({@code _id, text}) and relevance judgements in {@code qrels.tsv} or
 * {@code qrels/test.tsv} ({@code query-id, corpus-id, score}, with a header). Only judged queries are kept.
 */
public record BeirDataset(List<Document> corpus, List<Query> queries, Map<String, Map<String, Integer>> qrels) {

    /** The first {@code max} judged queries ({@code --max-queries}), or all of them when {@code max} is null. */
    public List<Query> firstQueries(Integer max) {
        return max == null ? queries : queries.subList(0, Math.min(max, queries.size()));
    }


    public record Document(String id, String title, String text) {
    }

    public record Query(String id, String text) {
    }

    public static BeirDataset load(Path folder) {
        Map<String, Map<String, Integer>> qrels = readQrels(firstExisting(folder, "qrels.tsv", "qrels/test.tsv"));
        List<Document> corpus = new ArrayList<>();
        for (JsonNode node : readJsonLines(firstExisting(folder, "corpus.jsonl", "corpus.jsonl.gz"))) {
            corpus.add(new Document(node.get("_id").asText(), text(node, "title"), text(node, "text")));
        }
        List<Query> queries = new ArrayList<>();
        for (JsonNode node : readJsonLines(firstExisting(folder, "queries.jsonl", "queries.jsonl.gz"))) {
            String id = node.get("_id").asText();
            if (qrels.containsKey(id)) {
                queries.add(new Query(id, node.get("text").asText()));
            }
        }
        return new BeirDataset(corpus, queries, qrels);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Path firstExisting(Path folder, String... names) {
        for (String name : names) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("None of " + String.join(", ", names) + " exists in " + folder);
    }

    private static List<JsonNode> readJsonLines(Path file) {
        var mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = reader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    nodes.add(mapper.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return nodes;
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (BufferedReader reader = reader(file)) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t");
                if (fields.length >= 3) {
                    qrels.computeIfAbsent(fields[0], k -> new HashMap<>()).put(fields[1], Integer.parseInt(fields[2].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return qrels;
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
