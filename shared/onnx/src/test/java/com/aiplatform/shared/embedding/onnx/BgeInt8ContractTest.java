package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.testing.contract.EmbedderContract;

class BgeInt8ContractTest extends EmbedderContract {

    @Override
    protected Embedder openEmbedder() {
        return OnnxEmbedder.load(OnnxModel.BGE_SMALL_EN_V15, OnnxEmbedder.Variant.INT8);
    }

    /** As for MiniLM int8: activations are quantised per tensor, so batch mates nudge each other a little. */
    @Override
    protected double batchAgreement() {
        return 0.98;
    }
}
