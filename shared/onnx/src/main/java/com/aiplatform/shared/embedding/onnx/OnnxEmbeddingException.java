package com.aiplatform.shared.embedding.onnx;

/**
 * The bundled model could not be loaded or run. Not retriable: the same input on the same process fails
 * the same way (a missing resource, a broken native library, an exhausted heap).
 */
public final class OnnxEmbeddingException extends RuntimeException {

    public OnnxEmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
