package com.aiplatform.shared.embedding.onnx;

/**
 * How to run the bundled all-MiniLM-L6-v2.
 *
 * @param variant        which weights to load
 * @param batchSize      texts per ONNX Runtime call; larger batches pad more, smaller ones pay more per-call overhead
 * @param intraOpThreads threads ONNX Runtime may use inside one call
 */
public record OnnxEmbedderOptions(OnnxEmbedder.Variant variant, int batchSize, int intraOpThreads) {

    public static final int DEFAULT_BATCH_SIZE = 32;

    public OnnxEmbedderOptions {
        if (variant == null) {
            throw new IllegalArgumentException("variant is required");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
        }
    }

    /** Batches of {@value #DEFAULT_BATCH_SIZE} on every available processor. */
    public static OnnxEmbedderOptions defaults(OnnxEmbedder.Variant variant) {
        return new OnnxEmbedderOptions(variant, DEFAULT_BATCH_SIZE, Runtime.getRuntime().availableProcessors());
    }

    public OnnxEmbedderOptions withBatchSize(int size) {
        return new OnnxEmbedderOptions(variant, size, intraOpThreads);
    }

    public OnnxEmbedderOptions withIntraOpThreads(int threads) {
        return new OnnxEmbedderOptions(variant, batchSize, threads);
    }
}
