package com.aiplatform.shared.embedding;

/** What an embedder produces: the model's name, its vector size and its input limit in tokens. */
public record EmbeddingModel(String name, int dimensions, int maxInputTokens) {
}
