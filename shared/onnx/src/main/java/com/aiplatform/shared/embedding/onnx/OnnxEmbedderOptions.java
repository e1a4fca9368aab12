package com.aiplatform.shared.embedding.onnx;

/**
 * How to run a bundled model.
 *
 * @param variant         which weights to load
 * @param batchSize       texts per ONNX Runtime call
 * @param intraOpThreads  threads ONNX Runtime may use inside one call
 * @param parallelBatches batches of one {@code embed} call run at the same time
 * @param spinWait        whether idle ONNX Runtime threads busy-wait for the next piece of work: a little
 *                        faster on a dedicated machine, much slower when the cores are shared
 * @param model           which model: all-MiniLM-L6-v2 or bge-small-en-v1.5
 */
public record OnnxEmbedderOptions(OnnxEmbedder.Variant variant, int batchSize, int intraOpThreads,
                                  int parallelBatches, boolean spinWait, OnnxModel model) {

    public static final int DEFAULT_BATCH_SIZE = 8;

    public OnnxEmbedderOptions {
        if (variant == null || model == null) {
            throw new IllegalArgumentException("variant and model are required");
        }
        requireAtLeastOne("batchSize", batchSize);
        requireAtLeastOne("intraOpThreads", intraOpThreads);
        requireAtLeastOne("parallelBatches", parallelBatches);
    }

    /** all-MiniLM-L6-v2. */
    public OnnxEmbedderOptions(OnnxEmbedder.Variant variant, int batchSize, int intraOpThreads,
                               int parallelBatches, boolean spinWait) {
        this(variant, batchSize, intraOpThreads, parallelBatches, spinWait, OnnxModel.ALL_MINILM_L6_V2);
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

    public static OnnxEmbedderOptions defaults(OnnxModel model, OnnxEmbedder.Variant variant) {
        return defaults(variant).withModel(model);
    }

    public OnnxEmbedderOptions withModel(OnnxModel other) {
        return new OnnxEmbedderOptions(variant, batchSize, intraOpThreads, parallelBatches, spinWait, other);
    }

    public OnnxEmbedderOptions withBatchSize(int size) {
        return new OnnxEmbedderOptions(variant, size, intraOpThreads, parallelBatches, spinWait, model);
    }

    public OnnxEmbedderOptions withIntraOpThreads(int threads) {
        return new OnnxEmbedderOptions(variant, batchSize, threads, parallelBatches, spinWait, model);
    }

    public OnnxEmbedderOptions withParallelBatches(int batches) {
        return new OnnxEmbedderOptions(variant, batchSize, intraOpThreads, batches, spinWait, model);
    }

    public OnnxEmbedderOptions withSpinWait(boolean spin) {
        return new OnnxEmbedderOptions(variant, batchSize, intraOpThreads, parallelBatches, spin, model);
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
