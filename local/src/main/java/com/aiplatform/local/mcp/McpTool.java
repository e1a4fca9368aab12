package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One MCP tool, derived from an OpenAPI operation: how its arguments map onto the HTTP request (path and query
 * parameters by name, every other argument a property of the JSON body) and the input schema clients see.
 *
 * @param result a JSON pointer into the answer returned instead of the whole answer, when set
 */
public record McpTool(String name, String description, String method, String pathTemplate, List<String> pathParameters,
                      List<String> queryParameters, Set<String> bodyProperties, Body body, ObjectNode inputSchema,
                      Optional<String> result) {

    /** Where the JSON body comes from: none, the body properties among the arguments, or the argument {@code body}. */
    public enum Body { NONE, PROPERTIES, WHOLE }

    public McpTool {
        pathParameters = List.copyOf(pathParameters);
        queryParameters = List.copyOf(queryParameters);
        bodyProperties = Set.copyOf(bodyProperties);
    }

    /** The arguments the schema names as required. */
    public List<String> required() {
        List<String> names = new java.util.ArrayList<>();
        inputSchema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    public boolean accepts(String argument) {
        return inputSchema.path("properties").has(argument);
    }
}
