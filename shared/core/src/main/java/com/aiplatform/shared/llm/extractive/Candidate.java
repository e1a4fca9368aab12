package com.aiplatform.shared.llm.extractive;

import java.util.List;

/** One sentence of the sources: where it stands, which source it cites, its terms and its score. */
record Candidate(int position, int source, String text, List<String> terms, double score) {

    Candidate withScore(double newScore) {
        return new Candidate(position, source, text, terms, newScore);
    }

    Candidate withText(String newText) {
        return new Candidate(position, source, newText, terms, score);
    }
}
