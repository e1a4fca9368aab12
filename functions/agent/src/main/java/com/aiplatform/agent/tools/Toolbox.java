package com.aiplatform.agent.tools;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent's tools by name. {@link #execute} is the guardrail around every call: arguments are checked
 * against the tool's schema first, and whatever goes wrong (unknown tool, bad arguments, a failing
 * dependency, a bug) becomes an {@code error} the model reads and a status in the reply, never an
 * exception that ends the turn.
 */
public final class Toolbox {

    private static final Logger LOG = LoggerFactory.getLogger(Toolbox.class);

    private final Map<String, AgentTool> tools = new LinkedHashMap<>();

    public Toolbox(List<AgentTool> tools) {
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
    }

    public List<ToolSpec> specs() {
        return tools.values().stream().map(AgentTool::spec).toList();
    }

    public ToolExecution execute(ToolContext context, ToolCall call) {
        AgentTool tool = tools.get(call.name());
        if (tool == null) {
            return refused(call, null, ToolExecution.Status.UNKNOWN_TOOL,
                    "There is no tool named '" + call.name() + "'; the tools are " + tools.keySet());
        }
        ToolArguments.Checked checked = ToolArguments.check(tool.spec().parametersSchema(), call.argumentsJson());
        if (!checked.valid()) {
            return refused(call, checked.arguments(), ToolExecution.Status.INVALID,
                    "The arguments were refused before the tool ran: " + String.join("; ", checked.errors()));
        }
        try {
            ToolOutcome outcome = tool.run(context, checked.arguments());
            return new ToolExecution(call.id(), call.name(), checked.arguments(), ToolExecution.Status.OK,
                    outcome.summary(), outcome.result().toString(), outcome.passages(), outcome.escalation());
        } catch (ToolArgumentException e) {
            return refused(call, checked.arguments(), ToolExecution.Status.INVALID,
                    "The arguments were refused: " + e.getMessage());
        } catch (ToolFailedException e) {
            return refused(call, checked.arguments(), ToolExecution.Status.FAILED, e.getMessage());
        } catch (KnowledgeUnavailableException e) {
            LOG.warn("Tool {} could not reach the knowledge base: {}", call.name(), e.getMessage());
            return refused(call, checked.arguments(), ToolExecution.Status.FAILED,
                    "The knowledge base is unavailable right now; try again later");
        } catch (ProblemException e) {
            return refused(call, checked.arguments(), ToolExecution.Status.FAILED,
                    "The tool failed: " + (e.problem().detail() == null ? e.problem().title() : e.problem().detail()));
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("Tool {} failed unexpectedly, error id {}", call.name(), errorId, e);
            return refused(call, checked.arguments(), ToolExecution.Status.FAILED,
                    "The tool " + call.name() + " failed unexpectedly (error id " + errorId + ")");
        }
    }

    private static ToolExecution refused(ToolCall call, JsonNode arguments,
                                         ToolExecution.Status status, String message) {
        ObjectNode content = Json.mapper().createObjectNode().put("error", message).put("status", status.label());
        return new ToolExecution(call.id(), call.name(), arguments, status, message, content.toString(), List.of(),
                Optional.empty());
    }
}
