package com.aiplatform.research;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A knowledge base in memory, per tenant: a passage matches a query by the words they share (longer than
 * three letters). {@code onSearch} lets a test act in the middle of a step (cancel, crash, fail).
 */
public final class FakeKnowledgeBase implements KnowledgeBase {

    private final Map<String, List<KnowledgeHit>> passages = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Caller> callers = new CopyOnWriteArrayList<>();
    private final AtomicInteger searches = new AtomicInteger();
    private volatile Consumer<String> onSearch = query -> { };

    public FakeKnowledgeBase add(String tenant, String documentId, String title, String text) {
        var list = passages.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
        list.add(new KnowledgeHit(documentId + "#0", documentId, title, 0, text, 0, "/api/v1/knowledge/documents/" + documentId));
        return this;
    }

    public void onSearch(Consumer<String> hook) {
        this.onSearch = hook;
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** Who each search was made for, in order. */
    public List<Caller> callers() {
        return List.copyOf(callers);
    }

    public int searches() {
        return searches.get();
    }

    @Override
    public List<KnowledgeHit> search(Caller caller, String query, int topK) {
        searches.incrementAndGet();
        queries.add(query);
        callers.add(caller);
        onSearch.accept(query);
        Set<String> words = words(query);
        List<KnowledgeHit> hits = new ArrayList<>();
        for (KnowledgeHit hit : passages.getOrDefault(caller.tenant().value(), List.of())) {
            long shared = words(hit.text() + " " + hit.title()).stream().filter(words::contains).count();
            if (shared > 0) {
                hits.add(new KnowledgeHit(hit.chunkId(), hit.documentId(), hit.title(), 0, hit.text(), shared, hit.source()));
            }
        }
        hits.sort(Comparator.comparingDouble(KnowledgeHit::score).reversed().thenComparing(KnowledgeHit::chunkId));
        return hits.subList(0, Math.min(topK, hits.size()));
    }

    @Override
    public IngestReceipt ingestText(Caller caller, TextDocument document) {
        throw new UnsupportedOperationException("research does not ingest");
    }

    @Override
    public void delete(Caller caller, String documentId) {
        throw new UnsupportedOperationException("research does not delete documents");
    }

    private static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 3).map(w -> w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toSet());
    }
}
