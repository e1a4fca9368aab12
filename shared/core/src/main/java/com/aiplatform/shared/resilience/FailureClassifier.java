package com.aiplatform.shared.resilience;

/**
 * Judges a failure of the wrapped call. Each adapter family supplies one, because only it knows which of its
 * exceptions are transient (an {@code LlmException} says so itself; a Qdrant status code would not).
 */
@FunctionalInterface
public interface FailureClassifier {

    Failure classify(RuntimeException failure);
}
