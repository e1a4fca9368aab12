package com.aiplatform.shared.llm;

/**
 * What produced an answer. Every API response that contains generated text says which one, so an
 * extractive offline answer is never mistaken for a model's.
 */
public enum Generator {
    /** A language model (Azure OpenAI or an OpenAI-compatible endpoint). */
    MODEL("model"),
    /** The deterministic offline fallback that selects sentences from the sources; no model involved. */
    EXTRACTIVE_OFFLINE("extractive-offline");

    private final String label;

    Generator(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
