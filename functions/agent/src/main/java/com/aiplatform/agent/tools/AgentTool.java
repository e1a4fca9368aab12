package com.aiplatform.agent.tools;

import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One function the agent may call. {@link #spec()} is what the model sees (name, description, JSON
 * Schema); {@link #run} gets arguments already validated against that schema and works only inside the
 * caller's tenant. A tool throws {@link ToolArgumentException} for arguments the schema cannot express
 * as invalid, and {@link ToolFailedException} for an expected failure worth telling the model about.
 */
public interface AgentTool {

    ToolSpec spec();

    ToolOutcome run(ToolContext context, JsonNode arguments);

    default String name() {
        return spec().name();
    }
}
