package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.text.Bm25;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded, on-disk {@link VectorStore}: HNSW for dense search, BM25 over English-analysed text for
 * keywords, one index for all tenants with the tenant as a mandatory filter.
 *
 * <p>Durability: every {@code upsert} and {@code deleteDocument} returns only after a Lucene commit (fsync)
 * that includes its changes, so an acknowledged write survives a crash. Commits are grouped: a caller whose
 * changes were already included in a concurrent caller's commit does not commit again. Each write also
 * refreshes the near-real-time searcher, so a caller reads its own writes. Thread-safe.
 */
public final class LuceneVectorStore implements VectorStore {

    private static final double FLOOR_SEGMENT_MB = 32;

    private final Path path;
    private final LuceneVectorStoreOptions options;
    private final Directory directory;
    private final Analyzer analyzer;
    private final ExecutorService mergeExecutor;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final VectorShape shape;
    private final ChunkDocuments documents;
    private final KeywordQueries keywordQueries;
    private final Object commitLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sequence number of the last operation in the last commit; guarded by {@code commitLock}. */
    private long committedThrough = -1;

    private LuceneVectorStore(Path path, LuceneVectorStoreOptions options, Directory directory, Analyzer analyzer,
                              ExecutorService mergeExecutor, IndexWriter writer, SearcherManager searchers) {
        this.path = path;
        this.options = options;
        this.directory = directory;
        this.analyzer = analyzer;
        this.mergeExecutor = mergeExecutor;
        this.writer = writer;
        this.searchers = searchers;
        this.shape = new VectorShape(options.dimensions(), options.similarity());
        this.documents = new ChunkDocuments(shape.luceneSimilarity());
        this.keywordQueries = new KeywordQueries(analyzer, options.keywordMinimumShouldMatch());
    }

    /** Opens the index in {@code path}, creating it if absent. Only one store may hold a directory at a time. */
    public static LuceneVectorStore open(Path path, LuceneVectorStoreOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        List<Closeable> opened = new ArrayList<>();
        ExecutorService mergeExecutor = options.mergeWorkers() > 1
                ? Executors.newFixedThreadPool(options.mergeWorkers()) : null;
        try {
            Files.createDirectories(path);
            Directory directory = FSDirectory.open(path);
            opened.add(directory);
            Analyzer analyzer = new EnglishAnalyzer();
            opened.add(analyzer);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setSimilarity(new BM25Similarity((float) Bm25.K1, (float) Bm25.B))
                    .setCodec(new HnswFieldCodec(options, mergeExecutor))
                    .setRAMBufferSizeMB(options.ramBufferSizeMB())
                    // Every write commits; by default each commit and refresh waits up to 500 ms for merges
                    // of the tiny segments it made, which stalled ingest. Merges run in the background instead.
                    .setMaxFullFlushMergeWaitMillis(0)
                    .setMergePolicy(mergePolicy(options));
            IndexWriter writer = new IndexWriter(directory, config);
            opened.add(writer);
            SearcherManager searchers = new SearcherManager(writer, true, false, new SearcherFactory());
            opened.add(searchers);
            IndexSearcher searcher = searchers.acquire();
            try {
                new VectorShape(options.dimensions(), options.similarity())
                        .requireMatches(searcher.getIndexReader(), path);
            } finally {
                searchers.release(searcher);
            }
            return new LuceneVectorStore(path, options, directory, analyzer, mergeExecutor, writer, searchers);
        } catch (IOException | RuntimeException e) {
            Collections.reverse(opened);
            IOUtils.closeWhileHandlingException(opened);
            if (mergeExecutor != null) {
                mergeExecutor.shutdownNow();
            }
            if (e instanceof LockObtainFailedException locked) {
                throw new UncheckedIOException("The Lucene index at " + path
                        + " is held by another process or store; close that one first", locked);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not open the Lucene index at " + path, io);
            }
            throw (RuntimeException) e;
        }
    }

    public LuceneVectorStoreOptions options() {
        return options;
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        Objects.requireNonNull(records, "records");
        Map<String, VectorRecord> latest = new LinkedHashMap<>();
        for (VectorRecord record : records) {
            shape.require(record.vector(), "record " + record.id());
            latest.put(ChunkDocuments.key(record.tenant(), record.id()).text(), record);
        }
        if (latest.isEmpty()) {
            return;
        }
        ensureOpen();
        try {
            long sequence = -1;
            for (VectorRecord record : latest.values()) {
                sequence = writer.updateDocument(ChunkDocuments.key(record.tenant(), record.id()),
                        documents.toDocument(record));
            }
            commitThrough(sequence);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to the Lucene index at " + path, e);
        }
    }

    @Override
    public List<VectorMatch> search(VectorQuery query) {
        Objects.requireNonNull(query, "query");
        Optional<Query> lucene = switch (query.mode()) {
            case DENSE -> Optional.of(denseQuery(query));
            case KEYWORD -> keywordQueries.build(query.text(), ChunkDocuments.searchFilter(query))
                    .map(Query.class::cast);
        };
        if (lucene.isEmpty() || query.principals().isEmpty()) {
            return List.of();
        }
        ensureOpen();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(lucene.get(), query.topK());
                StoredFields stored = searcher.storedFields();
                List<VectorMatch> matches = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    matches.add(ChunkDocuments.toMatch(stored.document(hit.doc), score(query.mode(), hit.score)));
                }
                return List.copyOf(matches);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not search the Lucene index at " + path, e);
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
        ensureOpen();
        try {
            commitThrough(writer.deleteDocuments(ChunkDocuments.document(tenant, documentId, metadata)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete from the Lucene index at " + path, e);
        }
    }

    @Override
    public long count(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        ensureOpen();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(ChunkDocuments.tenantOnly(tenant));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not count in the Lucene index at " + path, e);
        }
    }

    /**
     * Merges the index down to at most {@code maxSegments} segments and commits. Worth calling after a bulk
     * load: a dense search walks one HNSW graph per segment. Blocks until the merge is done; expensive.
     */
    public void forceMerge(int maxSegments) {
        ensureOpen();
        try {
            writer.forceMerge(maxSegments, true);
            commitThrough(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not merge the Lucene index at " + path, e);
        }
    }

    /** Segments the searcher currently sees; each costs one HNSW walk per dense query. */
    public int segmentCount() {
        ensureOpen();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().leaves().size();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Lucene index at " + path, e);
        }
    }

    @Override
    public HealthStatus health() {
        if (closed.get() || !writer.isOpen()) {
            Throwable tragedy = writer.getTragicException();
            return new HealthStatus(false, "Lucene index at " + path + " is closed"
                    + (tragedy == null ? "" : " after " + tragedy));
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return new HealthStatus(true, "Lucene index at " + path + " holds "
                        + searcher.getIndexReader().numDocs() + " records");
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            return new HealthStatus(false, "Lucene index at " + path + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            IOUtils.close(searchers, writer, analyzer, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the Lucene index at " + path, e);
        } finally {
            if (mergeExecutor != null) {
                mergeExecutor.shutdownNow();
            }
        }
    }

    /**
     * Every commit flushes a small segment, and a dense search walks one HNSW graph per segment, so small
     * segments are merged early (a high floor) and few are kept per tier.
     */
    private static TieredMergePolicy mergePolicy(LuceneVectorStoreOptions options) {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setSegmentsPerTier(options.segmentsPerTier());
        policy.setMaxMergeAtOnce(Math.max(2, options.segmentsPerTier()));
        policy.setFloorSegmentMB(FLOOR_SEGMENT_MB);
        return policy;
    }

    private Query denseQuery(VectorQuery query) {
        shape.require(query.vector(), "query");
        int candidates = Math.max(query.topK(), options.searchCandidates());
        // The filter is handed to the HNSW search itself: only matching documents are collected while the
        // graph is walked, and Lucene falls back to an exact scan when the filter matches few documents.
        Query filter = ChunkDocuments.searchFilter(query).build();
        return new KnnFloatVectorQuery(ChunkDocuments.VECTOR, query.vector(), candidates, filter);
    }

    /** Lucene maps both similarities to (1 + cos) / 2; give callers the cosine back. */
    private static double score(VectorQuery.Mode mode, float luceneScore) {
        return mode == VectorQuery.Mode.DENSE ? 2.0 * luceneScore - 1.0 : luceneScore;
    }

    private void commitThrough(long sequence) throws IOException {
        synchronized (commitLock) {
            if (committedThrough < sequence) {
                committedThrough = writer.commit();
            }
        }
        searchers.maybeRefreshBlocking();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The Lucene vector store at " + path + " is closed");
        }
    }
}
