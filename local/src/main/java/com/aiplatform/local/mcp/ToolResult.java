package com.aiplatform.local.mcp;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operation's answer as an MCP tool result: the body as text (and, when it is a JSON object, as structured
 * content too); a 4xx or 5xx answer, such as the app's problem+json, is a result with {@code isError}, so that
 * the model sees why the call failed.
 */
final class ToolResult {

    private ToolResult() {
    }

    static ObjectNode from(McpTool tool, ToolCaller.Response response) {
        if (response.status() >= 400) {
            return text(response.body().isEmpty() ? "HTTP " + response.status() : response.body(), true);
        }
        JsonNode answer = json(response);
        if (answer == null) {
            return text(response.body(), false);
        }
        JsonNode selected = tool.result().map(answer::at).orElse(answer);
        if (selected.isMissingNode() || selected.isNull()) {
            String status = answer.path("status").asText("");
            return text("The answer has no " + tool.result().orElseThrow() + " yet"
                    + (status.isEmpty() ? "" : " (status: " + status + ")"), true);
        }
        ObjectNode result = text(Json.write(selected), false);
        if (selected.isObject()) {
            result.set("structuredContent", selected);
        }
        return result;
    }

    private static JsonNode json(ToolCaller.Response response) {
        if (!response.contentType().toLowerCase().contains("json") || response.body().isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static ObjectNode text(String text, boolean isError) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", isError);
        return result;
    }
}
