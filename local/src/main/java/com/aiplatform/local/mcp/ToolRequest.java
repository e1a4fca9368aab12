package com.aiplatform.local.mcp;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.StringJoiner;

/** A tool call's arguments as the HTTP request of its operation. */
record ToolRequest(String pathAndQuery, Optional<String> body) {

    /** What is wrong with the arguments for the request to be built, if anything; the app checks the rest. */
    static Optional<String> check(McpTool tool, JsonNode arguments) {
        if (!arguments.isObject()) {
            return Optional.of("arguments must be an object");
        }
        for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!tool.accepts(name)) {
                return Optional.of("unknown argument '" + name + "'");
            }
        }
        for (String name : tool.required()) {
            if (!arguments.hasNonNull(name)) {
                return Optional.of("the argument '" + name + "' is required");
            }
        }
        for (String name : tool.pathParameters()) {
            if (!arguments.path(name).isValueNode() || arguments.path(name).asText().isEmpty()) {
                return Optional.of("the argument '" + name + "' must be a non-empty string or number");
            }
        }
        for (String name : tool.queryParameters()) {
            if (arguments.has(name) && !arguments.get(name).isValueNode()) {
                return Optional.of("the argument '" + name + "' must be a string, number or boolean");
            }
        }
        if (tool.follow().isPresent() && arguments.has(McpTool.MAX_WAIT)) {
            JsonNode wait = arguments.get(McpTool.MAX_WAIT);
            int cap = tool.follow().get().maxWaitSeconds();
            if (!wait.canConvertToInt() || !wait.isIntegralNumber() || wait.asInt() < 1 || wait.asInt() > cap) {
                return Optional.of("the argument '" + McpTool.MAX_WAIT + "' must be an integer from 1 to " + cap);
            }
        }
        return Optional.empty();
    }

    static ToolRequest of(McpTool tool, JsonNode arguments) {
        String path = tool.pathTemplate();
        for (String name : tool.pathParameters()) {
            path = path.replace("{" + name + "}", encode(arguments.get(name).asText()).replace("+", "%20"));
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String name : tool.queryParameters()) {
            if (arguments.hasNonNull(name)) {
                query.add(encode(name) + "=" + encode(arguments.get(name).asText()));
            }
        }
        return new ToolRequest(path + query, body(tool, arguments));
    }

    private static Optional<String> body(McpTool tool, JsonNode arguments) {
        return switch (tool.body()) {
            case NONE -> Optional.empty();
            case WHOLE -> Optional.of(Json.write(arguments.get("body")));
            case PROPERTIES -> {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                tool.bodyProperties().stream().filter(arguments::has).sorted()
                        .forEach(name -> body.set(name, arguments.get(name)));
                yield Optional.of(Json.write(body));
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
