package com.aiplatform.shared.llm;

/** A tool the model asked to run, with its arguments as a JSON object text. */
public record ToolCall(String id, String name, String argumentsJson) {
}
