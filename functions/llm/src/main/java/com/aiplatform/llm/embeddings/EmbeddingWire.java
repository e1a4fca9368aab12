package com.aiplatform.llm.embeddings;

import com.aiplatform.llm.errors.OpenAiError;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI embeddings request ({@code POST /v1/embeddings}): {@code input} a string or an array of
 * strings (token arrays are refused: the bundled model has its own tokenizer), {@code encoding_format}
 * {@code float} or {@code base64} (the official clients ask for base64 by default), no {@code dimensions}
 * other than the model's own.
 */
public final class EmbeddingWire {

    private final int maxInputs;
    private final int maxInputChars;

    public EmbeddingWire(int maxInputs, int maxInputChars) {
        this.maxInputs = maxInputs;
        this.maxInputChars = maxInputChars;
    }

    public EmbeddingCall parse(JsonNode body, int modelDimensions) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank() || model.asText().length() > 256) {
            throw OpenAiError.invalid("model", "model is required: a non-empty string");
        }
        List<String> inputs = inputs(body.get("input"));
        JsonNode format = body.get("encoding_format");
        boolean base64 = false;
        if (format != null && !format.isNull()) {
            if (!format.isTextual() || !List.of("float", "base64").contains(format.asText())) {
                throw OpenAiError.invalid("encoding_format", "encoding_format must be float or base64");
            }
            base64 = format.asText().equals("base64");
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull()
                && !(dimensions.isIntegralNumber() && dimensions.asLong() == modelDimensions)) {
            throw OpenAiError.invalid("dimensions", "This model's vectors have " + modelDimensions
                    + " dimensions and cannot be shortened here");
        }
        return new EmbeddingCall(model.asText(), inputs, base64);
    }

    private List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw OpenAiError.invalid("input", "input is required: a string or an array of strings");
        }
        if (input.isTextual()) {
            return List.of(text(input, "input"));
        }
        if (!input.isArray() || input.isEmpty() || input.size() > maxInputs) {
            throw OpenAiError.invalid("input", "input must be a string or an array of 1 to " + maxInputs + " strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isTextual()) {
                throw OpenAiError.invalid("input", "input[" + i + "] must be a string (token arrays are not accepted)");
            }
            texts.add(text(input.get(i), "input[" + i + "]"));
        }
        return texts;
    }

    private String text(JsonNode node, String at) {
        String text = node.asText();
        if (text.isEmpty() || text.length() > maxInputChars) {
            throw OpenAiError.invalid("input", at + " must be a non-empty string of at most " + maxInputChars
                    + " characters");
        }
        return text;
    }
}
