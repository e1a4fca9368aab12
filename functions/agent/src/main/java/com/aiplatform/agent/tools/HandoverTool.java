package com.aiplatform.agent.tools;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * Hands the conversation over to a human colleague. The tool itself changes nothing: the turn marks the
 * conversation for escalation when it commits, in the same write that ends the turn.
 */
public final class HandoverTool implements AgentTool {

    public static final String NAME = "handover_to_human";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Hand the conversation over to a human support colleague when the customer asks to talk to a "
                    + "person, a real human or a manager, is angry, or the request is beyond what the tools can do.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["reason"],
                     "properties":{"reason":{"type":"string","minLength":3,"maxLength":500,
                       "description":"Why a human should take over"}}}"""));

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        String reason = arguments.get("reason").asText().trim();
        var result = Json.mapper().createObjectNode().put("escalated", true).put("reason", reason);
        return new ToolOutcome(result, "The conversation is marked for a human colleague, who will follow up",
                List.of(), Optional.of(reason));
    }
}
