package com.aiplatform.agent.tools;

import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * What a tool did: {@code result} goes back to the model (it always holds a {@code summary}), the summary
 * goes into the API response, {@code passages} become citations, {@code escalation} marks the conversation.
 */
public record ToolOutcome(ObjectNode result, String summary, List<KnowledgeHit> passages, Optional<String> escalation) {

    public ToolOutcome {
        passages = passages == null ? List.of() : List.copyOf(passages);
        escalation = escalation == null ? Optional.empty() : escalation;
        result.put("summary", summary);
    }

    public static ToolOutcome of(ObjectNode result, String summary) {
        return new ToolOutcome(result, summary, List.of(), Optional.empty());
    }
}
