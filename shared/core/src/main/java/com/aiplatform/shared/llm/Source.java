package com.aiplatform.shared.llm;

/**
 * A numbered passage the answer must be grounded in. Adapters present these to the model as
 * {@code [n]} blocks; citations in the answer refer to {@code number}.
 */
public record Source(int number, String reference, String text) {
}
