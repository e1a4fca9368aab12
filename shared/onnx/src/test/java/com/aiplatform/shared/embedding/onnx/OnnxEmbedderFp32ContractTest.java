package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.testing.contract.EmbedderContract;

class OnnxEmbedderFp32ContractTest extends EmbedderContract {

    @Override
    protected Embedder openEmbedder() {
        return OnnxEmbedder.load(OnnxEmbedder.Variant.FP32);
    }
}
