package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code follow} of a marked tool, checked against the OpenAPI document: the operation that reads the task
 * (a GET of one path parameter), final statuses, a progress pointer and a cap on the wait, which becomes the
 * tool's extra argument {@link McpTool#MAX_WAIT}.
 */
final class FollowDerivation {

    private FollowDerivation() {
    }

    /** @throws IllegalArgumentException saying what does not fit */
    static McpTool.Follow derive(GatewayDefinition.Tool tool, GatewayDefinition.Follow follow, JsonNode document,
                                 ObjectNode properties) {
        McpTool read = OpenApiTools.derive(
                new GatewayDefinition.Tool(tool.name() + ".follow", tool.api(), follow.operationId(), null), document);
        if (!read.method().equals("GET") || read.pathParameters().size() != 1
                || !read.required().equals(read.pathParameters())) {
            throw new IllegalArgumentException("the follow operation '" + follow.operationId()
                    + "' must be a GET with one path parameter and no other required argument");
        }
        if (follow.until().isEmpty() || follow.progress() == null || !follow.progress().startsWith("/")
                || follow.maxWaitSeconds() < 1) {
            throw new IllegalArgumentException("follow needs 'until' statuses, a 'progress' JSON pointer and"
                    + " 'maxWaitSeconds' of at least 1");
        }
        if (properties.has(McpTool.MAX_WAIT)) {
            throw new IllegalArgumentException("the operation has an argument named '" + McpTool.MAX_WAIT
                    + "', which a following tool adds");
        }
        properties.putObject(McpTool.MAX_WAIT).put("type", "integer").put("minimum", 1)
                .put("maximum", follow.maxWaitSeconds()).put("description", "How long to wait for the task to end,"
                        + " at most " + follow.maxWaitSeconds() + " s (the default); then the answer says the task's"
                        + " status and id, and the task goes on");
        return new McpTool.Follow(read, follow.until(), follow.progress(), follow.maxWaitSeconds(),
                java.time.Duration.ofMillis(follow.intervalMillis()));
    }

}
