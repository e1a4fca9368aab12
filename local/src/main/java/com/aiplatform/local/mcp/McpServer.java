package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP server's JSON-RPC side, with no HTTP: initialize, ping, tools/list and tools/call. A tool call becomes
 * the tool's HTTP request, sent through the gateway by the {@link ToolCaller} as the caller; an answer of 4xx or
 * 5xx is a tool result with {@code isError}, an unknown tool or unusable arguments a JSON-RPC error (-32602).
 */
public final class McpServer {

    /** Newest first; the first is offered to a client asking for one we do not speak. */
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    private final Map<String, McpTool> tools = new LinkedHashMap<>();
    private final ToolCaller caller;

    public McpServer(String name, List<McpTool> tools, ToolCaller caller) {
        this.name = name;
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        this.caller = caller;
    }

    public List<McpTool> tools() {
        return List.copyOf(tools.values());
    }

    /** The response to one JSON-RPC message, or empty for a notification or a response. */
    public Optional<ObjectNode> handle(JsonNode message, Map<String, String> callerHeaders) {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            return Optional.of(error(message.path("id"), INVALID_REQUEST, "Not a JSON-RPC 2.0 message"));
        }
        JsonNode id = message.path("id");
        if (!message.path("method").isTextual()) {
            return message.has("result") || message.has("error") ? Optional.empty()
                    : Optional.of(error(id, INVALID_REQUEST, "A request needs a method"));
        }
        if (id.isMissingNode() || id.isNull()) {
            return Optional.empty(); // a notification (notifications/initialized, cancelled): nothing to answer
        }
        if (!id.isTextual() && !id.isIntegralNumber()) {
            return Optional.of(error(NODES.nullNode(), INVALID_REQUEST, "The id must be a string or an integer"));
        }
        JsonNode params = message.path("params");
        return Optional.of(switch (message.get("method").asText()) {
            case "initialize" -> result(id, initialize(params));
            case "ping" -> result(id, NODES.objectNode());
            case "tools/list" -> result(id, list());
            case "tools/call" -> call(id, params, callerHeaders);
            default -> error(id, METHOD_NOT_FOUND, "Method not found: " + message.get("method").asText());
        });
    }

    private ObjectNode initialize(JsonNode params) {
        String requested = params.path("protocolVersion").asText("");
        ObjectNode result = NODES.objectNode()
                .put("protocolVersion", PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.get(0));
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", name).put("version", "1.0.0");
        result.put("instructions", "Tools of the AI platform's APIs, called through its gateway with your key."
                + " Research runs long: research_start returns a task id; poll research_status or research_events"
                + " until the status is completed, then read research_report.");
        return result;
    }

    private ObjectNode list() {
        ArrayNode list = NODES.arrayNode();
        for (McpTool tool : tools.values()) {
            ObjectNode entry = list.addObject().put("name", tool.name()).put("description", tool.description());
            entry.set("inputSchema", tool.inputSchema());
        }
        ObjectNode result = NODES.objectNode();
        result.set("tools", list);
        return result;
    }

    private ObjectNode call(JsonNode id, JsonNode params, Map<String, String> callerHeaders) {
        McpTool tool = tools.get(params.path("name").asText(""));
        if (tool == null) {
            return error(id, INVALID_PARAMS, "Unknown tool: " + params.path("name").asText(""));
        }
        JsonNode arguments = params.path("arguments");
        if (arguments.isMissingNode() || arguments.isNull()) {
            arguments = NODES.objectNode();
        }
        Optional<String> invalid = ToolRequest.check(tool, arguments);
        if (invalid.isPresent()) {
            return error(id, INVALID_PARAMS, "Invalid arguments for " + tool.name() + ": " + invalid.get());
        }
        ToolRequest request = ToolRequest.of(tool, arguments);
        ToolCaller.Response response = caller.call(tool.method(), request.pathAndQuery(), request.body(), callerHeaders);
        return result(id, ToolResult.from(tool, response));
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("id", id.isMissingNode() ? NODES.nullNode() : id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
