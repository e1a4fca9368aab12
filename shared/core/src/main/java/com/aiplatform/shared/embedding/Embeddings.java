package com.aiplatform.shared.embedding;

import java.util.List;

/** Vectors in the order of the inputs, and the input tokens the call consumed (for usage accounting). */
public record Embeddings(List<float[]> vectors, long inputTokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
