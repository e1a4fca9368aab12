package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The MCP tools the gateway definition marks, derived from the APIs' OpenAPI documents: description from the
 * operation's summary and description, input schema from its path and query parameters and its JSON request
 * body (an object body's properties become top-level arguments). A marked operation that does not exist, or
 * whose parameters or body have no schema, fails the derivation, naming every such tool.
 */
public final class OpenApiTools {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private OpenApiTools() {
    }

    /** Reads each API's OpenAPI document from the class path, where every app keeps it ({@code openapi/<file>}). */
    public static List<McpTool> fromClassPath(GatewayDefinition definition, Set<String> hostedApps) {
        return derive(definition, OpenApiTools::classPathDocument, hostedApps);
    }

    /**
     * @param documents the OpenAPI document (YAML or JSON) of an API
     * @param hostedApps the apps running here: tools of other apps are left out
     * @throws IllegalStateException naming every marked tool that does not match its OpenAPI document
     */
    public static List<McpTool> derive(GatewayDefinition definition, Function<GatewayDefinition.Api, String> documents,
                                       Set<String> hostedApps) {
        List<String> errors = new ArrayList<>();
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        List<McpTool> tools = new ArrayList<>();
        for (GatewayDefinition.Tool tool : definition.mcp().tools()) {
            if (!hostedApps.contains(tool.api())) {
                continue;
            }
            if (tool.name() == null || !NAME.matcher(tool.name()).matches() || !names.add(tool.name())) {
                errors.add("tool '" + tool.name() + "': the name must be unique, 1-128 of A-Z a-z 0-9 _ . -");
                continue;
            }
            Optional<GatewayDefinition.Api> api = definition.apis().stream()
                    .filter(a -> a.app().equals(tool.api())).findFirst();
            if (api.isEmpty()) {
                errors.add("tool '" + tool.name() + "': the gateway definition routes no API '" + tool.api() + "'");
                continue;
            }
            JsonNode document = parsed.computeIfAbsent(tool.api(), app -> parse(documents.apply(api.get())));
            try {
                tools.add(derive(tool, document));
            } catch (IllegalArgumentException e) {
                errors.add("tool '" + tool.name() + "' (" + tool.api() + " " + tool.operationId() + "): " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The MCP tools of the gateway definition do not match the OpenAPI documents:\n - "
                    + String.join("\n - ", errors));
        }
        return List.copyOf(tools);
    }

    static McpTool derive(GatewayDefinition.Tool tool, JsonNode document) {
        OpenApiOperation found = OpenApiOperation.find(document, tool.operationId());
        JsonSchemas schemas = new JsonSchemas(document);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        Set<String> required = new LinkedHashSet<>();
        List<String> pathParameters = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        for (JsonNode parameter : found.parameters(document)) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (!in.equals("path") && !in.equals("query")) {
                if (parameter.path("required").asBoolean(false)) {
                    throw new IllegalArgumentException("the required " + in + " parameter '" + name
                            + "' cannot be a tool argument");
                }
                continue;
            }
            if (!parameter.has("schema")) {
                throw new IllegalArgumentException("the " + in + " parameter '" + name + "' has no schema");
            }
            ObjectNode schema = (ObjectNode) schemas.convert(parameter.get("schema"));
            if (parameter.hasNonNull("description") && !schema.has("description")) {
                schema.put("description", parameter.get("description").asText());
            }
            properties.set(name, schema);
            (in.equals("path") ? pathParameters : queryParameters).add(name);
            if (in.equals("path") || parameter.path("required").asBoolean(false)) {
                required.add(name);
            }
        }
        Set<String> bodyProperties = new LinkedHashSet<>();
        JsonNode body = OpenApiOperation.dereference(document, found.operation().path("requestBody"));
        McpTool.Body shape = McpTool.Body.NONE;
        if (!body.isMissingNode()) {
            JsonNode bodySchema = body.path("content").path("application/json").path("schema");
            if (bodySchema.isMissingNode() || !bodySchema.isObject()) {
                throw new IllegalArgumentException("the request body has no application/json schema");
            }
            JsonNode converted = schemas.convert(bodySchema);
            boolean bodyRequired = body.path("required").asBoolean(false);
            if (converted.path("type").asText().equals("object") && converted.path("properties").isObject()) {
                shape = McpTool.Body.PROPERTIES;
                converted.get("properties").fields().forEachRemaining(p -> {
                    if (properties.has(p.getKey())) {
                        throw new IllegalArgumentException("the body property '" + p.getKey()
                                + "' has the name of a parameter");
                    }
                    properties.set(p.getKey(), p.getValue());
                    bodyProperties.add(p.getKey());
                });
                if (bodyRequired) {
                    converted.path("required").forEach(n -> required.add(n.asText()));
                }
            } else {
                shape = McpTool.Body.WHOLE;
                if (properties.has("body")) {
                    throw new IllegalArgumentException("the body argument 'body' has the name of a parameter");
                }
                properties.set("body", converted);
                bodyProperties.add("body");
                if (bodyRequired) {
                    required.add("body");
                }
            }
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("type", "object");
        input.set("properties", properties);
        if (!required.isEmpty()) {
            ArrayNode list = input.putArray("required");
            required.forEach(list::add);
        }
        input.put("additionalProperties", false);
        Optional<String> result = Optional.ofNullable(tool.result());
        if (result.isPresent() && !result.get().startsWith("/")) {
            throw new IllegalArgumentException("the result '" + result.get() + "' is not a JSON pointer");
        }
        Optional<McpTool.Follow> follow = Optional.ofNullable(tool.follow())
                .map(f -> FollowDerivation.derive(tool, f, document, properties));
        return new McpTool(tool.name(), description(found.operation(), tool), found.method().toUpperCase(),
                found.path(), pathParameters, queryParameters, bodyProperties, shape, input, result, follow);
    }

    private static String description(JsonNode operation, GatewayDefinition.Tool tool) {
        String summary = operation.path("summary").asText("").trim();
        String details = operation.path("description").asText("").trim();
        String text = summary.isEmpty() ? details : details.isEmpty() ? summary : summary + "\n\n" + details;
        String base = text.isEmpty() ? tool.operationId() : text;
        String follows = tool.follow() == null ? base : base + "\n\nThen waits for the task to end (reading it with "
                + tool.follow().operationId() + "), reporting its progress to a client that asks for progress"
                + " notifications, and answers with the task's final state.";
        return tool.result() == null ? follows : follows + "\n\nReturns only " + tool.result() + " of the answer.";
    }

    private static JsonNode parse(String document) {
        try {
            return YAML.readTree(document);
        } catch (IOException e) {
            throw new IllegalStateException("An OpenAPI document is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String classPathDocument(GatewayDefinition.Api api) {
        String file = api.openApi().substring(api.openApi().lastIndexOf('/') + 1);
        try (InputStream in = OpenApiTools.class.getResourceAsStream("/openapi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document openapi/" + file + " of " + api.app()
                        + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
