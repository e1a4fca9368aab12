package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
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
    static final int INTERNAL_ERROR = -32603;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    private final Map<String, McpTool> tools = new LinkedHashMap<>();
    private final ToolCaller caller;
    private final TaskFollower follower;

    public McpServer(String name, List<McpTool> tools, ToolCaller caller) {
        this(name, tools, caller, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    McpServer(String name, List<McpTool> tools, ToolCaller caller, Clock clock, TaskFollower.Pause pause) {
        this.name = name;
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        this.caller = caller;
        this.follower = new TaskFollower(caller, clock, pause);
    }

    public List<McpTool> tools() {
        return List.copyOf(tools.values());
    }

    /** The response to one JSON-RPC message, or empty for a notification or a response. */
    public Optional<ObjectNode> handle(JsonNode message, Map<String, String> callerHeaders) {
        return handle(message, callerHeaders, Optional.empty());
    }

    /**
     * Whether the message is worth answering on a stream: a call of a tool that follows a task, by a client that
     * asked for progress ({@code params._meta.progressToken}).
     */
    public boolean streams(JsonNode message) {
        JsonNode params = message.path("params");
        JsonNode token = params.path("_meta").path("progressToken");
        McpTool tool = tools.get(params.path("name").asText(""));
        return "tools/call".equals(message.path("method").asText()) && (token.isTextual() || token.isIntegralNumber())
                && tool != null && tool.follow().isPresent();
    }

    /**
     * As {@link #handle(JsonNode, Map)}, with the stream the answer goes on, where a following tool reports its
     * progress to a client that asked for it.
     *
     * @throws McpStream.ClientGone when the client left the stream before the answer
     */
    public Optional<ObjectNode> handle(JsonNode message, Map<String, String> callerHeaders, Optional<McpStream> stream) {
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
            case "tools/call" -> call(id, params, callerHeaders, stream);
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
                + " until the status is completed, then read research_report; or call research_run, which waits for"
                + " the report and reports the task's progress to a client that asks for progress.");
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

    private ObjectNode call(JsonNode id, JsonNode params, Map<String, String> callerHeaders, Optional<McpStream> stream) {
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
        if (tool.follow().isPresent()) {
            JsonNode token = params.path("_meta").path("progressToken");
            Progress progress = stream.filter(s -> token.isTextual() || token.isIntegralNumber())
                    .map(s -> Progress.to(s, token)).orElse(Progress.NONE);
            return result(id, follower.run(tool, request, tool.maxWaitSeconds(arguments), callerHeaders, progress));
        }
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
