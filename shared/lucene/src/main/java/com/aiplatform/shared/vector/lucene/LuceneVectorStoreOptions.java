package com.aiplatform.shared.vector.lucene;

import java.util.Objects;

/**
 * How a {@link LuceneVectorStore} indexes and searches. Start from {@link #defaults(int)} and change what
 * you need with the {@code with*} methods.
 *
 * @param dimensions            length of every vector, fixed for the life of the index
 * @param similarity            {@link Similarity#DOT_PRODUCT} for unit-length vectors (what our embedders produce;
 *                              cheapest), {@link Similarity#COSINE} for anything else
 * @param maxConn               HNSW neighbours per node (Lucene's M); more means better recall, slower build
 * @param beamWidth             HNSW candidates considered while inserting (efConstruction)
 * @param quantized             store int8 scalar-quantised vectors beside the floats: ~4x less memory to search
 *                              at some cost in recall; takes effect for segments written from then on
 * @param searchCandidates      least number of HNSW candidates collected per dense search (efSearch); asking for
 *                              more than {@code topK} buys recall for a little latency
 * @param ramBufferSizeMB       indexing buffer; bigger means fewer, larger segments and fewer HNSW merges
 * @param mergeWorkers          threads that merge one HNSW graph; 1 merges on the merge thread itself
 * @param segmentsPerTier       segments of similar size allowed before they are merged; each dense search walks
 *                              one HNSW graph per segment, so fewer segments mean faster queries (and more
 *                              merging while indexing)
 * @param keywordMinimumShouldMatch share of the distinct query terms (after analysis) a keyword hit must contain,
 *                              0 for plain OR (at least one term); 0.5 keeps records that share only a stray
 *                              common word with a long query out of the results
 */
public record LuceneVectorStoreOptions(int dimensions, Similarity similarity, int maxConn, int beamWidth,
                                       boolean quantized, int searchCandidates, double ramBufferSizeMB,
                                       int mergeWorkers, int segmentsPerTier, double keywordMinimumShouldMatch) {

    /** Vector similarity of the index; it cannot change once the index holds vectors. */
    public enum Similarity { DOT_PRODUCT, COSINE }

    public LuceneVectorStoreOptions {
        Objects.requireNonNull(similarity, "similarity");
        requireRange("dimensions", dimensions, 1, 4096);
        requireRange("maxConn", maxConn, 2, 512);
        requireRange("beamWidth", beamWidth, 2, 3200);
        requireRange("searchCandidates", searchCandidates, 1, 10_000);
        requireRange("mergeWorkers", mergeWorkers, 1, 64);
        requireRange("segmentsPerTier", segmentsPerTier, 2, 50);
        if (!(ramBufferSizeMB >= 1 && ramBufferSizeMB < 2048)) {
            throw new IllegalArgumentException("ramBufferSizeMB must be between 1 and 2047, was " + ramBufferSizeMB);
        }
        if (!(keywordMinimumShouldMatch >= 0 && keywordMinimumShouldMatch <= 1)) {
            throw new IllegalArgumentException(
                    "keywordMinimumShouldMatch must be between 0 and 1, was " + keywordMinimumShouldMatch);
        }
    }

    /** Unit-length vectors of the given size, Lucene's HNSW defaults (M=16, beam 100), 100 candidates per search,
     * at most ~4 segments per size tier. */
    public static LuceneVectorStoreOptions defaults(int dimensions) {
        return new LuceneVectorStoreOptions(dimensions, Similarity.DOT_PRODUCT, 16, 100, false, 100, 64, 1, 4, 0);
    }

    public LuceneVectorStoreOptions withSimilarity(Similarity value) {
        return new LuceneVectorStoreOptions(dimensions, value, maxConn, beamWidth, quantized, searchCandidates,
                ramBufferSizeMB, mergeWorkers, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withHnsw(int newMaxConn, int newBeamWidth) {
        return new LuceneVectorStoreOptions(dimensions, similarity, newMaxConn, newBeamWidth, quantized,
                searchCandidates, ramBufferSizeMB, mergeWorkers, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withQuantized(boolean value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, value, searchCandidates,
                ramBufferSizeMB, mergeWorkers, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withSearchCandidates(int value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, quantized, value,
                ramBufferSizeMB, mergeWorkers, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withRamBufferSizeMB(double value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, quantized, searchCandidates,
                value, mergeWorkers, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withMergeWorkers(int value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, quantized, searchCandidates,
                ramBufferSizeMB, value, segmentsPerTier, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withSegmentsPerTier(int value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, quantized, searchCandidates,
                ramBufferSizeMB, mergeWorkers, value, keywordMinimumShouldMatch);
    }

    public LuceneVectorStoreOptions withKeywordMinimumShouldMatch(double value) {
        return new LuceneVectorStoreOptions(dimensions, similarity, maxConn, beamWidth, quantized, searchCandidates,
                ramBufferSizeMB, mergeWorkers, segmentsPerTier, value);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
