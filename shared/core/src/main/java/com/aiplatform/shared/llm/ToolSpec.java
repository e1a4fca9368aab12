package com.aiplatform.shared.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool offered to the model: its name, what it does and a JSON Schema of its parameters. */
public record ToolSpec(String name, String description, JsonNode parametersSchema) {
}
