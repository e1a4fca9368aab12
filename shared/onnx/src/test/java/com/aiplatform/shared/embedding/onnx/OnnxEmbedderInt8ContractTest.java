package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.testing.contract.EmbedderContract;

class OnnxEmbedderInt8ContractTest extends EmbedderContract {

    @Override
    protected Embedder openEmbedder() {
        return OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
    }

    /** The int8 model quantises activations with one scale per tensor, so batch mates nudge each other. */
    @Override
    protected double batchAgreement() {
        return 0.99;
    }
}
