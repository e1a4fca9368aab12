package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One operation of a parsed OpenAPI document: its path template, method, path item and operation object. */
record OpenApiOperation(String path, String method, JsonNode pathItem, JsonNode operation) {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** @throws IllegalArgumentException when the document has no operation with that id */
    static OpenApiOperation find(JsonNode document, String operationId) {
        var paths = document.path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.path("operationId").asText().equals(operationId)) {
                    return new OpenApiOperation(path.getKey(), method, path.getValue(), operation);
                }
            }
        }
        throw new IllegalArgumentException("the OpenAPI document has no operation '" + operationId + "'");
    }

    /** Path-level parameters, overridden by the operation's own of the same name and location. */
    List<JsonNode> parameters(JsonNode document) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = dereference(document, parameter);
                byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The object a local {@code $ref} points at, or the node itself. */
    static JsonNode dereference(JsonNode document, JsonNode node) {
        if (node.has("$ref")) {
            JsonNode target = document.at(node.get("$ref").asText().replaceFirst("^#", ""));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("the reference " + node.get("$ref").asText() + " does not resolve");
            }
            return target;
        }
        return node;
    }
}
