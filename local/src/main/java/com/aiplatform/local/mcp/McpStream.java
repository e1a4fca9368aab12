package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stream a POST is answered on when the client accepts {@code text/event-stream}: JSON-RPC messages for the
 * client (notifications, then the response) as they happen.
 */
public interface McpStream {

    /** @throws ClientGone when the client has gone */
    void send(ObjectNode message);

    /** Tells the client the request is still being served, and finds out whether the client is still there. */
    void keepAlive();

    /** The client closed the connection: whatever was being done for it can stop. */
    final class ClientGone extends RuntimeException {

        public ClientGone(Throwable cause) {
            super("The MCP client closed the stream", cause);
        }
    }
}
