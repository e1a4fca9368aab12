package com.aiplatform.agent.tools;

import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One tool call as it ran: the arguments as the model sent them (parsed when they were JSON), whether it
 * ran, the summary people read and the content the model reads back.
 */
public record ToolExecution(String callId, String name, JsonNode arguments, Status status, String summary,
                            String modelContent, List<KnowledgeHit> passages, Optional<String> escalation) {

    public enum Status {
        /** The tool ran. */
        OK,
        /** The arguments failed validation; the tool did not run. */
        INVALID,
        /** The tool ran and failed (not found, dependency unavailable, unexpected error). */
        FAILED,
        /** The model named a tool that does not exist. */
        UNKNOWN_TOOL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ToolExecution {
        passages = passages == null ? List.of() : List.copyOf(passages);
        escalation = escalation == null ? Optional.empty() : escalation;
    }
}
