package com.aiplatform.shared.embedding.onnx;

/**
 * How to run the bundled all-MiniLM-L6-v2.
 *
 * @param variant         which weights to load
 * @param batchSize       texts per ONNX Runtime call
 * @param intraOpThreads  threads ONNX Runtime may use inside one call
 * @param parallelBatches batches of one {@code embed} call run at the same time
 * @param spinWait        whether idle ONNX Runtime threads busy-wait for the next piece of work: a little
 *                        faster on a dedicated machine, much slower when the cores are shared
 */
public record OnnxEmbedderOptions(OnnxEmbedder.Variant variant, int batchSize, int intraOpThreads,
                                  int parallelBatches, boolean spinWait) {

    public static final int DEFAULT_BATCH_SIZE = 8;

    public OnnxEmbedderOptions {
        if (variant == null) {
            throw new IllegalArgumentException("variant is required");
        }
        requireAtLeastOne("batchSize", batchSize);
        requireAtLeastOne("intraOpThreads", intraOpThreads);
        requireAtLeastOne("parallelBatches", parallelBatches);
    }

    /**
     * Small batches, each on one thread, as many at once as there are processors, no spinning. Measured on
     * two shared cores: batches of 8 on one thread did ~40% more documents per CPU-second than batches of
     * 32 on two threads (activations stay in cache and no thread waits for another inside an operator).
     */
    public static OnnxEmbedderOptions defaults(OnnxEmbedder.Variant variant) {
        return new OnnxEmbedderOptions(variant, DEFAULT_BATCH_SIZE, 1, Runtime.getRuntime().availableProcessors(),
                false);
    }

    public OnnxEmbedderOptions withBatchSize(int size) {
        return new OnnxEmbedderOptions(variant, size, intraOpThreads, parallelBatches, spinWait);
    }

    public OnnxEmbedderOptions withIntraOpThreads(int threads) {
        return new OnnxEmbedderOptions(variant, batchSize, threads, parallelBatches, spinWait);
    }

    public OnnxEmbedderOptions withParallelBatches(int batches) {
        return new OnnxEmbedderOptions(variant, batchSize, intraOpThreads, batches, spinWait);
    }

    public OnnxEmbedderOptions withSpinWait(boolean spin) {
        return new OnnxEmbedderOptions(variant, batchSize, intraOpThreads, parallelBatches, spin);
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
