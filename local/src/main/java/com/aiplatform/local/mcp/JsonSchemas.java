package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Turns an OpenAPI 3.0 schema into a self-contained JSON Schema (2020-12) as MCP input schemas are: every local
 * {@code $ref} inlined, {@code nullable} as a null type, boolean {@code exclusiveMinimum}/{@code exclusiveMaximum}
 * as numbers, and OpenAPI-only keywords dropped.
 */
final class JsonSchemas {

    private static final Set<String> OPENAPI_ONLY = Set.of("example", "xml", "discriminator", "externalDocs", "nullable");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "not", "additionalProperties");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties");

    private final JsonNode document;
    private final Deque<String> resolving = new ArrayDeque<>();

    JsonSchemas(JsonNode document) {
        this.document = document;
    }

    /** @throws IllegalArgumentException for a reference that does not resolve or refers to itself */
    JsonNode convert(JsonNode schema) {
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        if (schema.has("$ref")) {
            return resolve(schema.get("$ref").asText());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        schema.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (OPENAPI_ONLY.contains(key)) {
                return;
            }
            if (SCHEMA_MAPS.contains(key) && value.isObject()) {
                ObjectNode map = out.putObject(key);
                value.fields().forEachRemaining(p -> map.set(p.getKey(), convert(p.getValue())));
            } else if (SCHEMA_LISTS.contains(key) && value.isArray()) {
                ArrayNode list = out.putArray(key);
                value.forEach(item -> list.add(convert(item)));
            } else if (SCHEMA_VALUES.contains(key) && value.isObject()) {
                out.set(key, convert(value));
            } else {
                out.set(key, value.deepCopy());
            }
        });
        exclusiveBound(out, "exclusiveMinimum", "minimum");
        exclusiveBound(out, "exclusiveMaximum", "maximum");
        if (schema.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            String type = out.get("type").asText();
            out.putArray("type").add(type).add("null");
        }
        return out;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("Only local references are supported, not " + ref);
        }
        if (resolving.contains(ref)) {
            throw new IllegalArgumentException("The schema " + ref + " refers to itself");
        }
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("The reference " + ref + " does not resolve");
        }
        resolving.push(ref);
        try {
            return convert(target);
        } finally {
            resolving.pop();
        }
    }

    private static void exclusiveBound(ObjectNode schema, String exclusive, String bound) {
        JsonNode flag = schema.get(exclusive);
        if (flag == null || !flag.isBoolean()) {
            return;
        }
        schema.remove(exclusive);
        if (flag.asBoolean() && schema.has(bound)) {
            schema.set(exclusive, schema.remove(bound));
        }
    }
}
