package com.aiplatform.shared.llm;

import com.aiplatform.shared.usage.Usage;

import java.util.List;

/**
 * The answer: text (may be empty when the model only calls tools), requested tool calls, the source
 * numbers it cites, what produced it, and the tokens it used.
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, List<Integer> citations, Generator generator,
                           Usage usage, String finishReason) {

    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
