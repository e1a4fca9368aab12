package com.aiplatform.shared.text;

/**
 * Okapi BM25, the one formula every keyword ranking of ours uses (the extractive answerer's sentences, the
 * in-memory and Qdrant vector stores; the Lucene store is given the same k1 and b): a term scores
 * {@code idf · tf·(k1+1) / (tf + k1·(1 − b + b·length/averageLength))}, with {@code idf = ln(1 + (N − n + 0.5)/(n + 0.5))}
 * as in Lucene, so that it is never negative.
 */
public final class Bm25 {

    public static final double K1 = 1.2;
    public static final double B = 0.75;

    private Bm25() {
    }

    /** The IDF of a term found in {@code containing} of {@code documents} documents. */
    public static double idf(long documents, long containing) {
        return Math.log(1 + (documents - containing + 0.5) / (containing + 0.5));
    }

    /** The term-frequency part: saturated by k1 and normalised by the document's length. */
    public static double termWeight(int frequency, int length, double averageLength) {
        double lengthNorm = K1 * (1 - B + B * length / Math.max(averageLength, 1));
        return frequency * (K1 + 1) / (frequency + lengthNorm);
    }
}
