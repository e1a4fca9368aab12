package com.aiplatform.llm.embeddings;

import java.util.List;

/** An embeddings request as this API understood it: the model, the texts in order, and how to encode vectors. */
public record EmbeddingCall(String model, List<String> inputs, boolean base64) {

    public EmbeddingCall {
        inputs = List.copyOf(inputs);
    }
}
