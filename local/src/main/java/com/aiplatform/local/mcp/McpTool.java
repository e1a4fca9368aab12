package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One MCP tool, derived from an OpenAPI operation: how its arguments map onto the HTTP request (path and query
 * parameters by name, every other argument a property of the JSON body) and the input schema clients see.
 *
 * @param result a JSON pointer into the answer returned instead of the whole answer, when set
 * @param follow when set, the tool waits for the task its operation starts, reading it with {@link Follow#read()}
 */
public record McpTool(String name, String description, String method, String pathTemplate, List<String> pathParameters,
                      List<String> queryParameters, Set<String> bodyProperties, Body body, ObjectNode inputSchema,
                      Optional<String> result, Optional<Follow> follow) {

    /** The argument that bounds how long a following tool waits, in seconds. */
    public static final String MAX_WAIT = "maxWaitSeconds";

    /**
     * How a following tool reads its task: {@code read} is the task's GET (its one path parameter takes the id),
     * polled every {@code interval} until the status is one of {@code until}; {@code progress} points at the
     * task's progress out of 100.
     */
    public record Follow(McpTool read, List<String> until, String progress, int maxWaitSeconds, Duration interval) {

        public Follow {
            until = List.copyOf(until);
        }
    }

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

    /** The seconds to wait for a following tool's task: the argument, or the cap when it is absent. */
    public int maxWaitSeconds(com.fasterxml.jackson.databind.JsonNode arguments) {
        int cap = follow.map(Follow::maxWaitSeconds).orElse(0);
        return arguments.hasNonNull(MAX_WAIT) ? Math.min(cap, arguments.get(MAX_WAIT).asInt(cap)) : cap;
    }

    public boolean accepts(String argument) {
        return inputSchema.path("properties").has(argument);
    }
}
