package com.aiplatform.local.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a following tool reports its task's progress: as {@code notifications/progress} with the client's
 * {@code progressToken} on the request's stream, or nowhere when the client asked for none.
 */
interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void report(double progress, double total, String message) {
        }

        @Override
        public void alive() {
        }
    };

    /** @throws McpStream.ClientGone when the client has gone */
    void report(double progress, double total, String message);

    /** Between reports: @throws McpStream.ClientGone when the client has gone */
    void alive();

    static Progress to(McpStream stream, JsonNode token) {
        return new Progress() {
            @Override
            public void report(double progress, double total, String message) {
                ObjectNode notification = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0")
                        .put("method", "notifications/progress");
                ObjectNode params = notification.putObject("params");
                params.set("progressToken", token);
                number(params, "progress", progress);
                number(params, "total", total);
                params.put("message", message);
                stream.send(notification);
            }

            @Override
            public void alive() {
                stream.keepAlive();
            }
        };
    }

    private static void number(ObjectNode node, String name, double value) {
        if (value == Math.rint(value)) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }
}
