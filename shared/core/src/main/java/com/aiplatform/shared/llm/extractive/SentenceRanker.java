package com.aiplatform.shared.llm.extractive;

import com.aiplatform.shared.text.Bm25;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Ranks the sentences of the sources by {@link Bm25}, each sentence counted as one document. */
final class SentenceRanker {

    private SentenceRanker() {
    }

    /** Best first, ties in source order; only sentences sharing a term with the question are kept. */
    static List<Candidate> rank(List<Candidate> sentences, List<String> query) {
        if (sentences.isEmpty() || query.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> documentFrequency = new HashMap<>();
        double totalLength = 0;
        for (Candidate sentence : sentences) {
            totalLength += sentence.terms().size();
            for (String term : new HashSet<>(sentence.terms())) {
                documentFrequency.merge(term, 1, Integer::sum);
            }
        }
        double averageLength = Math.max(1, totalLength / sentences.size());
        int n = sentences.size();
        List<Candidate> scored = new ArrayList<>();
        for (Candidate sentence : sentences) {
            Map<String, Integer> frequencies = new HashMap<>();
            sentence.terms().forEach(term -> frequencies.merge(term, 1, Integer::sum));
            double score = 0;
            for (String term : query) {
                int tf = frequencies.getOrDefault(term, 0);
                if (tf == 0) {
                    continue;
                }
                score += Bm25.idf(n, documentFrequency.get(term))
                        * Bm25.termWeight(tf, sentence.terms().size(), averageLength);
            }
            if (score > 0) {
                scored.add(sentence.withScore(score));
            }
        }
        scored.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::position));
        return scored;
    }

}
