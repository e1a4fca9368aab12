package com.aiplatform.shared.vector.qdrant;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes text as a sparse vector for BM25 ranking in Qdrant. The collection's {@code idf} modifier
 * supplies the IDF factor at query time, so a document carries only the term-frequency part,
 * {@code tf·(k1+1) / (tf + k1·(1 − b + b·length/averageLength))}, and a query carries 1 per distinct
 * term. A term's dimension is a murmur3 hash of it, so no vocabulary has to be kept.
 */
final class Bm25Encoder {

    static final double K1 = 1.2;
    static final double B = 0.75;
    /** Qdrant's own BM25 default; chunks are a few hundred words, so it is close to the real average. */
    static final double AVERAGE_LENGTH = 256;

    private final KeywordTokenizer tokenizer;

    Bm25Encoder(KeywordTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Distinct terms in first-seen order, with the sparse vector built from them. */
    record Encoded(List<String> terms, List<Integer> indices, List<Float> values) {

        boolean isEmpty() {
            return terms.isEmpty();
        }
    }

    Encoded document(String text) {
        List<String> tokens = tokenizer.terms(text);
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        tokens.forEach(term -> frequencies.merge(term, 1, Integer::sum));
        double lengthNorm = K1 * (1 - B + B * tokens.size() / AVERAGE_LENGTH);
        Map<Integer, Float> weights = new TreeMap<>();
        frequencies.forEach((term, tf) ->
                weights.merge(index(term), (float) (tf * (K1 + 1) / (tf + lengthNorm)), Float::sum));
        return encoded(frequencies, weights);
    }

    Encoded query(String text) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        tokenizer.terms(text).forEach(term -> distinct.put(term, 1));
        Map<Integer, Float> weights = new TreeMap<>();
        distinct.keySet().forEach(term -> weights.put(index(term), 1f));
        return encoded(distinct, weights);
    }

    /** A stable, non-negative 32-bit dimension: murmur3 (x86, 32-bit, seed 0) of the UTF-8 bytes. */
    static int index(String term) {
        return murmur3(term.getBytes(StandardCharsets.UTF_8)) & Integer.MAX_VALUE;
    }

    private static Encoded encoded(Map<String, Integer> terms, Map<Integer, Float> weights) {
        return new Encoded(List.copyOf(terms.keySet()), List.copyOf(weights.keySet()),
                List.copyOf(weights.values()));
    }

    private static int murmur3(byte[] data) {
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8
                    | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                h ^= mixK(k);
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        return k * 0x1b873593;
    }
}
