package com.aiplatform.shared.usage;

/** Tokens one model or embedding call consumed, under the model name it is priced by. */
public record Usage(String model, long inputTokens, long outputTokens) {

    public static Usage none(String model) {
        return new Usage(model, 0, 0);
    }
}
