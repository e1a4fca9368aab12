package com.aiplatform.agent.tools;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a tool call's arguments against the tool's JSON Schema before the tool runs. It covers the part
 * of JSON Schema the tools use: an object with typed properties (string, integer, boolean), {@code required},
 * {@code additionalProperties: false}, and for strings {@code minLength}, {@code maxLength}, {@code pattern}
 * and {@code enum}. A model's arguments are untrusted input like any request body.
 */
public final class ToolArguments {

    private ToolArguments() {
    }

    /** The parsed arguments, or the list of what is wrong with them. */
    public record Checked(JsonNode arguments, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Checked check(JsonNode schema, String argumentsJson) {
        JsonNode arguments;
        try {
            arguments = Json.tree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
        } catch (IllegalArgumentException e) {
            return new Checked(null, List.of("the arguments are not valid JSON"));
        }
        if (arguments == null || !arguments.isObject()) {
            return new Checked(arguments, List.of("the arguments must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            JsonNode value = arguments.get(required.asText());
            if (value == null || value.isNull()) {
                errors.add(required.asText() + " is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = properties.get(field.getKey());
            if (property == null) {
                if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
                    errors.add(field.getKey() + " is not a parameter of this tool");
                }
                continue;
            }
            if (!field.getValue().isNull()) {
                checkValue(field.getKey(), property, field.getValue(), errors);
            }
        }
        return new Checked(arguments, errors);
    }

    private static void checkValue(String name, JsonNode property, JsonNode value, List<String> errors) {
        switch (property.path("type").asText("string")) {
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(name + " must be an integer");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(name + " must be true or false");
                }
            }
            default -> checkString(name, property, value, errors);
        }
    }

    private static void checkString(String name, JsonNode property, JsonNode value, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(name + " must be a string");
            return;
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (property.has("minLength") && length < property.get("minLength").asInt()) {
            errors.add(name + " must be at least " + property.get("minLength").asInt() + " characters");
        }
        if (property.has("maxLength") && length > property.get("maxLength").asInt()) {
            errors.add(name + " must be at most " + property.get("maxLength").asInt() + " characters");
        }
        if (property.has("pattern") && !Pattern.compile(property.get("pattern").asText()).matcher(text).find()) {
            errors.add(name + " must match " + property.get("pattern").asText());
        }
        if (property.has("enum")) {
            boolean listed = false;
            for (JsonNode option : property.get("enum")) {
                listed |= option.asText().equals(text);
            }
            if (!listed) {
                errors.add(name + " must be one of " + property.get("enum"));
            }
        }
    }
}
