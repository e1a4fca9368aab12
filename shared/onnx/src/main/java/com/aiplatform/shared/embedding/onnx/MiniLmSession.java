package com.aiplatform.shared.embedding.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** One ONNX Runtime session of the model: tokenised batches in, pooled unit vectors out. Thread-safe. */
final class MiniLmSession implements AutoCloseable {

    static final int DIMENSIONS = 384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final OnnxModel.Pooling pooling;

    private MiniLmSession(OrtEnvironment environment, OrtSession session, OnnxModel.Pooling pooling) {
        this.environment = environment;
        this.session = session;
        this.pooling = pooling;
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    static MiniLmSession open(byte[] model, OnnxEmbedderOptions options) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.addConfigEntry("session.intra_op.allow_spinning", options.spinWait() ? "1" : "0");
            return new MiniLmSession(environment, environment.createSession(model, sessionOptions),
                    options.model().pooling());
        } catch (OrtException e) {
            throw new OnnxEmbeddingException("Could not start ONNX Runtime for " + options.variant().modelName(options.model()), e);
        }
    }

    /** Pads the batch to its longest member, runs the model and pools each row (mean of its real tokens, or [CLS]). */
    float[][] embed(Encoding[] batch) {
        int rows = batch.length;
        int[] lengths = new int[rows];
        int width = 0;
        for (int r = 0; r < rows; r++) {
            lengths[r] = batch[r].getIds().length;
            width = Math.max(width, lengths[r]);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch[r].getIds(), 0, ids, r * width, lengths[r]);
            Arrays.fill(mask, r * width, r * width + lengths[r], 1L);
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", tensor(ids, shape));
            feed.put("attention_mask", tensor(mask, shape));
            if (takesTokenTypes) {
                feed.put("token_type_ids", tensor(new long[rows * width], shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                return pooling == OnnxModel.Pooling.CLS
                        ? MeanPooling.first(hidden.getFloatBuffer(), rows, width, DIMENSIONS)
                        : MeanPooling.pool(hidden.getFloatBuffer(), lengths, width, DIMENSIONS);
            }
        } catch (OrtException e) {
            throw new OnnxEmbeddingException("ONNX Runtime failed on a batch of " + rows + " texts", e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OnnxEmbeddingException("Could not release the ONNX Runtime session", e);
        }
    }
}
