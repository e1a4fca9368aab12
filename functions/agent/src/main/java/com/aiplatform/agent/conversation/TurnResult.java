package com.aiplatform.agent.conversation;

import com.aiplatform.agent.tools.ToolExecution;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.Generator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What one turn produced: the reply, the assistant and tool messages to store after the user's message,
 * the tools that ran, and the usage of every model call in the turn.
 */
public record TurnResult(String reply, Generator generator, List<ChatMessage> produced, List<ToolExecution> executions,
                         int modelCalls, long inputTokens, long outputTokens, BigDecimal costUsd,
                         boolean roundLimitReached) {

    public TurnResult {
        produced = List.copyOf(produced);
        executions = List.copyOf(executions);
    }

    /** The reason of the last hand-over the turn asked for, if any. */
    public Optional<String> escalation() {
        return executions.stream().map(ToolExecution::escalation).flatMap(Optional::stream).reduce((a, b) -> b);
    }
}
