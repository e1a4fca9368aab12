package com.aiplatform.shared.embedding;

import java.util.List;

/**
 * Turns text into L2-normalised dense vectors (all-MiniLM-L6-v2 in process, or Azure OpenAI).
 * Inputs longer than {@link EmbeddingModel#maxInputTokens()} are truncated.
 */
public interface Embedder {

    EmbeddingModel model();

    Embeddings embed(List<String> texts);

    /**
     * Search queries, as opposed to the passages {@link #embed} takes: a model trained with a query
     * instruction (bge) puts it in front here. The default embeds them as passages.
     */
    default Embeddings embedQueries(List<String> queries) {
        return embed(queries);
    }

    default float[] embed(String text) {
        return embed(List.of(text)).vectors().get(0);
    }
}
