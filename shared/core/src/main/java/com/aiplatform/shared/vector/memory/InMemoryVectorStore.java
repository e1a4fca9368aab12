package com.aiplatform.shared.vector.memory;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.text.Bm25;
import com.aiplatform.shared.text.Terms;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link VectorStore} in memory for service unit tests: exact cosine similarity for dense queries and
 * {@link Bm25} over {@link Terms} for keywords. Keyword hits must contain
 * at least one query term (plain BM25, as the Lucene store does by default). Thread-safe.
 */
public final class InMemoryVectorStore implements VectorStore {

    private final int dimensions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@code lock}. */
    private final Map<TenantId, Map<String, Entry>> tenants = new HashMap<>();
    /** Guarded by {@code lock}. */
    private boolean closed;

    private record Entry(VectorRecord record, float[] vector, Map<String, Integer> termFrequencies, int length) {
    }

    public InMemoryVectorStore(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive, was " + dimensions);
        }
        this.dimensions = dimensions;
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        Objects.requireNonNull(records, "records");
        records.forEach(record -> requireDimensions(record.vector(), "record " + record.id()));
        lock.writeLock().lock();
        try {
            ensureOpen();
            for (VectorRecord record : records) {
                List<String> terms = Terms.of(record.text());
                Map<String, Integer> frequencies = new HashMap<>();
                terms.forEach(term -> frequencies.merge(term, 1, Integer::sum));
                tenants.computeIfAbsent(record.tenant(), tenant -> new LinkedHashMap<>())
                        .put(record.id(), new Entry(record, record.vector().clone(), frequencies, terms.size()));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<VectorMatch> search(VectorQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.mode() == VectorQuery.Mode.DENSE) {
            requireDimensions(query.vector(), "query");
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            List<Entry> candidates = tenants.getOrDefault(query.tenant(), Map.of()).values().stream()
                    .filter(entry -> entry.record().metadata().entrySet().containsAll(query.filter().entrySet()))
                    .filter(entry -> entry.record().readers().stream().anyMatch(query.principals()::contains))
                    .toList();
            Map<Entry, Double> scores = query.mode() == VectorQuery.Mode.DENSE
                    ? cosine(candidates, query.vector())
                    : bm25(tenants.getOrDefault(query.tenant(), Map.of()).values(), candidates, query.text());
            return scores.entrySet().stream()
                    .sorted(Map.Entry.<Entry, Double>comparingByValue().reversed()
                            .thenComparing(entry -> entry.getKey().record().id()))
                    .limit(query.topK())
                    .map(entry -> toMatch(entry.getKey().record(), entry.getValue()))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId) {
        deleteDocument(tenant, documentId, Map.of());
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId, Map<String, String> metadata) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(documentId, "documentId");
        lock.writeLock().lock();
        try {
            ensureOpen();
            tenants.getOrDefault(tenant, new HashMap<>()).values()
                    .removeIf(entry -> entry.record().documentId().equals(documentId)
                            && entry.record().metadata().entrySet().containsAll(metadata.entrySet()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long count(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        lock.readLock().lock();
        try {
            ensureOpen();
            return tenants.getOrDefault(tenant, Map.of()).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public HealthStatus health() {
        lock.readLock().lock();
        try {
            return closed ? new HealthStatus(false, "in-memory vector store is closed")
                    : new HealthStatus(true, "in-memory vector store");
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            tenants.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Map<Entry, Double> cosine(List<Entry> candidates, float[] query) {
        double queryNorm = norm(query);
        Map<Entry, Double> scores = new HashMap<>();
        for (Entry entry : candidates) {
            double dot = 0;
            for (int i = 0; i < query.length; i++) {
                dot += (double) query[i] * entry.vector()[i];
            }
            double norms = queryNorm * norm(entry.vector());
            scores.put(entry, norms == 0 ? 0 : dot / norms);
        }
        return scores;
    }

    /** BM25 with statistics over the whole tenant; only the filtered candidates are scored. */
    private static Map<Entry, Double> bm25(Collection<Entry> tenantEntries, List<Entry> candidates, String text) {
        Set<String> queryTerms = new LinkedHashSet<>(Terms.of(text));
        Map<Entry, Double> scores = new HashMap<>();
        if (queryTerms.isEmpty() || candidates.isEmpty()) {
            return scores;
        }
        int required = 1;
        double averageLength = tenantEntries.stream().mapToInt(Entry::length).average().orElse(1);
        int total = tenantEntries.size();
        Map<String, Double> idf = new HashMap<>();
        for (String term : queryTerms) {
            long containing = tenantEntries.stream().filter(e -> e.termFrequencies().containsKey(term)).count();
            idf.put(term, Bm25.idf(total, containing));
        }
        for (Entry entry : candidates) {
            double score = 0;
            int matched = 0;
            for (String term : queryTerms) {
                Integer frequency = entry.termFrequencies().get(term);
                if (frequency != null) {
                    score += idf.get(term) * Bm25.termWeight(frequency, entry.length(), averageLength);
                    matched++;
                }
            }
            if (matched >= required) {
                scores.put(entry, score);
            }
        }
        return scores;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static VectorMatch toMatch(VectorRecord record, double score) {
        return new VectorMatch(record.id(), record.documentId(), record.text(), score, record.metadata());
    }

    private void requireDimensions(float[] vector, String what) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("The " + what + " vector has " + vector.length
                    + " dimensions; this store holds " + dimensions);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The in-memory vector store is closed");
        }
    }
}
