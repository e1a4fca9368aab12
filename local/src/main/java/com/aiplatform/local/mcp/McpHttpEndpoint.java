package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Streamable HTTP transport of MCP (2025-03-26 and later) at the gateway's MCP path, after the gateway has
 * admitted the request: a POST carries one JSON-RPC message (or, as 2025-03-26 allowed, a batch) and is
 * answered with {@code application/json}, or {@code 202} for notifications; a call of a tool that follows a long
 * task, from a client that asks for progress and accepts {@code text/event-stream}, is answered on such a stream
 * (progress notifications, then the response). The server is stateless: no {@code Mcp-Session-Id}, no stream
 * outside a POST, so GET and DELETE are {@code 405} as the transport allows.
 */
public final class McpHttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);

    private final GatewayDefinition.Mcp definition;
    private final McpServer server;
    private final List<String> allowedOrigins;
    private final List<String> credentialHeaders;

    public McpHttpEndpoint(GatewayDefinition definition, McpServer server) {
        this.definition = definition.mcp();
        this.server = server;
        this.allowedOrigins = definition.cors().allowedOrigins();
        this.credentialHeaders = List.of(definition.identity().subscriptionKeyHeader().toLowerCase(Locale.ROOT),
                "authorization", "api-key", "x-request-id", "traceparent");
    }

    public List<String> toolNames() {
        return server.tools().stream().map(McpTool::name).toList();
    }

    public boolean serves(String path) {
        return definition.serves(path);
    }

    /** An answer; with a {@code stream}, the body is written by it, as the answer goes on. */
    public record Reply(int status, Map<String, String> headers, byte[] body, Optional<StreamedBody> stream) {

        Reply(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, Optional.empty());
        }
    }

    /** The body of an answer on a stream, written as it happens. */
    public interface StreamedBody {
        void writeTo(OutputStream out);
    }

    /**
     * @param headers the client's request headers (lower-case names), credentials included: tool calls carry them
     * @throws ProblemException for a request the transport refuses (405, 403, 415, 400)
     */
    public Reply serve(String method, Map<String, String> headers, Supplier<byte[]> body) {
        String origin = headers.get("origin");
        if (origin != null && !allowedOrigins.contains("*") && !allowedOrigins.contains(origin)) {
            throw ProblemException.forbidden("MCP requests from the origin " + origin + " are not allowed");
        }
        if (!"POST".equalsIgnoreCase(method)) {
            throw new ProblemException(ProblemException.methodNotAllowed(method).problem(), null,
                    Map.of("Allow", "POST"), null);
        }
        String contentType = headers.getOrDefault("content-type", "");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ProblemException.unsupportedMediaType(contentType, List.of("application/json"));
        }
        String version = headers.get("mcp-protocol-version");
        if (version != null && !McpServer.PROTOCOL_VERSIONS.contains(version)) {
            throw new ProblemException(Problem.of(400, "unsupported-protocol-version", "Unsupported MCP protocol version",
                    "MCP-Protocol-Version " + version + " is not one of " + McpServer.PROTOCOL_VERSIONS));
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(body.get());
        } catch (IOException e) {
            return json(400, McpServer.error(JsonNodeFactory.instance.nullNode(), McpServer.PARSE_ERROR,
                    "The body is not JSON"));
        }
        if (message == null || message.isMissingNode()) {
            return json(400, McpServer.error(JsonNodeFactory.instance.nullNode(), McpServer.INVALID_REQUEST,
                    "The body is empty"));
        }
        Map<String, String> caller = caller(headers);
        if (!message.isArray() && accepts(headers, SseStream.CONTENT_TYPE) && server.streams(message)) {
            return stream(message, caller);
        }
        if (!message.isArray()) {
            return server.handle(message, caller).map(response -> json(200, response)).orElseGet(McpHttpEndpoint::accepted);
        }
        if (message.isEmpty()) {
            return json(400, McpServer.error(JsonNodeFactory.instance.nullNode(), McpServer.INVALID_REQUEST,
                    "An empty batch"));
        }
        ArrayNode responses = JsonNodeFactory.instance.arrayNode();
        message.forEach(each -> server.handle(each, caller).ifPresent(responses::add));
        return responses.isEmpty() ? accepted() : json(200, responses);
    }

    /**
     * The answer on a server-sent event stream: the notifications while the tool runs, then the response. A client
     * that goes away ends it (and the tool's waiting).
     */
    private Reply stream(JsonNode message, Map<String, String> caller) {
        StreamedBody body = out -> {
            SseStream stream = new SseStream(out);
            try {
                server.handle(message, caller, Optional.of(stream)).ifPresent(stream::send);
            } catch (McpStream.ClientGone gone) {
                LOG.debug("The MCP client left before the answer to {}", message.path("id"));
            } catch (RuntimeException e) { // the head is sent: the failure can only be the stream's last message
                LOG.error("An MCP call answered on a stream failed (request {})", caller.get("x-request-id"), e);
                sendQuietly(stream, McpServer.error(message.path("id"), McpServer.INTERNAL_ERROR, "Internal error"));
            }
        };
        return new Reply(200, Map.of("content-type", SseStream.CONTENT_TYPE, "cache-control", "no-cache"), new byte[0],
                Optional.of(body));
    }

    private static void sendQuietly(McpStream stream, com.fasterxml.jackson.databind.node.ObjectNode message) {
        try {
            stream.send(message);
        } catch (McpStream.ClientGone gone) {
            LOG.debug("The MCP client left before the error");
        }
    }

    private static boolean accepts(Map<String, String> headers, String mediaType) {
        return headers.getOrDefault("accept", "").toLowerCase(Locale.ROOT).contains(mediaType);
    }

    private Map<String, String> caller(Map<String, String> headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        credentialHeaders.forEach(name -> Optional.ofNullable(headers.get(name)).ifPresent(v -> forwarded.put(name, v)));
        return forwarded;
    }

    private static Reply json(int status, JsonNode body) {
        return new Reply(status, Map.of("content-type", "application/json"), Json.writeBytes(body));
    }

    private static Reply accepted() {
        return new Reply(202, Map.of(), new byte[0]);
    }

    /** The endpoint for a gateway definition's marked tools, calling the gateway at {@code caller}. */
    public static McpHttpEndpoint of(GatewayDefinition definition, java.util.Set<String> hostedApps, ToolCaller caller) {
        List<McpTool> tools = OpenApiTools.fromClassPath(definition, hostedApps);
        return new McpHttpEndpoint(definition, new McpServer(definition.mcp().serverName(), tools, caller));
    }
}
