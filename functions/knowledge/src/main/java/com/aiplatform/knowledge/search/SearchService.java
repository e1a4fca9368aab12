package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.documents.DocumentMetadata;
import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Hybrid retrieval: BM25 and dense candidates from the tenant's chunks that the caller may read (the vector store
 * filters on the caller's principals, so nothing else is ever a candidate), fused by weighted reciprocal rank
 * fusion ({@link Fusion}). The keyword search and the usage record run on {@code helpers}
 * while the caller's thread embeds the query and searches the vectors; the answer waits for all of them,
 * so nothing is left behind when it returns.
 */
public final class SearchService {

    private final VectorStore vectors;
    private final Embedder embedder;
    private final UsageMeter usage;
    private final int candidates;
    private final Executor helpers;
    private final Fusion fusion;

    public SearchService(VectorStore vectors, Embedder embedder, UsageMeter usage, int candidates, Executor helpers,
                         Fusion fusion) {
        this.vectors = vectors;
        this.embedder = embedder;
        this.usage = usage;
        this.candidates = candidates;
        this.helpers = helpers;
        this.fusion = fusion;
    }

    public SearchResult search(CallContext context, SearchRequest request) {
        return search(context, request, request.topK());
    }

    /**
     * As {@link #search(CallContext, SearchRequest)} but returning up to {@code results} fused chunks, beyond
     * the request's topK limit: evaluation needs 100 distinct documents, which takes more than 100 chunks.
     */
    public SearchResult search(CallContext context, SearchRequest request, int results) {
        TenantId tenant = context.caller().tenant();
        Set<String> principals = context.caller().principals();
        int depth = Math.max(candidates, results);
        CompletableFuture<List<VectorMatch>> keyword = request.mode() == SearchMode.DENSE
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> vectors.search(
                        VectorQuery.keyword(tenant, principals, request.query(), depth, request.filter())), helpers);
        List<VectorMatch> dense = List.of();
        CompletableFuture<?> metered = CompletableFuture.completedFuture(null);
        try {
            if (request.mode() != SearchMode.KEYWORD) {
                Embeddings query = embedder.embedQueries(List.of(request.query()));
                metered = CompletableFuture.runAsync(() -> usage.record(context, "embed-query",
                        new Usage(embedder.model().name(), query.inputTokens(), 0)), helpers);
                dense = vectors.search(VectorQuery.dense(tenant, principals, query.vectors().get(0), depth, request.filter()));
            }
        } finally {
            Await.result(metered);
        }
        return new SearchResult(request.query(), request.mode(), fuse(dense, Await.result(keyword), results, fusion));
    }

    static List<SearchHit> fuse(List<VectorMatch> dense, List<VectorMatch> keyword, int topK, Fusion fusion) {
        Map<String, VectorMatch> byId = new HashMap<>();
        Map<String, Double> denseScores = new HashMap<>();
        Map<String, Double> keywordScores = new HashMap<>();
        List<String> denseIds = collect(dense, byId, denseScores);
        List<String> keywordIds = collect(keyword, byId, keywordScores);
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(fusion.scores(denseIds, keywordIds).entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<SearchHit> hits = new ArrayList<>();
        for (var entry : ranked.subList(0, Math.min(topK, ranked.size()))) {
            VectorMatch match = byId.get(entry.getKey());
            Map<String, String> meta = match.metadata();
            hits.add(new SearchHit(match.id(), match.documentId(), meta.getOrDefault(DocumentMetadata.TITLE, ""),
                    parseInt(meta.get(DocumentMetadata.CHUNK)), parseLong(meta.get(DocumentMetadata.VERSION)),
                    match.text(), round(entry.getValue()), round(denseScores.get(entry.getKey())),
                    round(keywordScores.get(entry.getKey())),
                    "/api/v1/knowledge/documents/" + match.documentId()));
        }
        return hits;
    }

    private static List<String> collect(List<VectorMatch> matches, Map<String, VectorMatch> byId,
                                        Map<String, Double> scores) {
        List<String> ids = new ArrayList<>(matches.size());
        for (VectorMatch match : matches) {
            ids.add(match.id());
            byId.putIfAbsent(match.id(), match);
            scores.put(match.id(), match.score());
        }
        return ids;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1_000_000d) / 1_000_000d;
    }

    private static int parseInt(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static long parseLong(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
