package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.text.Bm25;
import com.aiplatform.shared.text.Terms;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes text as a sparse vector for {@link Bm25} ranking in Qdrant, with the {@link Terms} every keyword
 * ranking of ours uses. The collection's {@code idf} modifier supplies the IDF factor at query time, so a
 * document carries only {@link Bm25#termWeight}, and a query carries 1 per distinct term. A term's dimension
 * is a murmur3 hash of it, so no vocabulary has to be kept.
 */
final class Bm25Encoder {

    /** Qdrant's own BM25 default; chunks are a few hundred words, so it is close to the real average. */
    static final double AVERAGE_LENGTH = 256;

    private Bm25Encoder() {
    }

    /** Distinct terms in first-seen order, with the sparse vector built from them. */
    record Encoded(List<String> terms, List<Integer> indices, List<Float> values) {

        boolean isEmpty() {
            return terms.isEmpty();
        }
    }

    static Encoded document(String text) {
        List<String> tokens = Terms.of(text);
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        tokens.forEach(term -> frequencies.merge(term, 1, Integer::sum));
        Map<Integer, Float> weights = new TreeMap<>();
        frequencies.forEach((term, tf) ->
                weights.merge(index(term), (float) Bm25.termWeight(tf, tokens.size(), AVERAGE_LENGTH), Float::sum));
        return encoded(frequencies, weights);
    }

    static Encoded query(String text) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        Terms.of(text).forEach(term -> distinct.put(term, 1));
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
