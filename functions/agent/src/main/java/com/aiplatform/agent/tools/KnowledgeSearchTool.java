package com.aiplatform.agent.tools;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** Searches the tenant's knowledge base through the knowledge app's API; passages come back numbered. */
public final class KnowledgeSearchTool implements AgentTool {

    public static final String NAME = "search_knowledge_base";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Search the help centre and company policies to answer a general question: returns, refunds, "
                    + "shipping times and costs, delivery, warranty, guarantees and how products work.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["query"],
                     "properties":{"query":{"type":"string","minLength":3,"maxLength":500,
                       "description":"What to look up, in the customer's words"}}}"""));

    private final KnowledgeBase knowledge;
    private final int topK;

    public KnowledgeSearchTool(KnowledgeBase knowledge, int topK) {
        this.knowledge = knowledge;
        this.topK = topK;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        List<KnowledgeHit> hits = knowledge.search(context.call().caller(), arguments.get("query").asText(), topK);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode passages = result.putArray("passages");
        for (int i = 0; i < hits.size(); i++) {
            KnowledgeHit hit = hits.get(i);
            passages.addObject().put("number", i + 1).put("title", hit.title()).put("documentId", hit.documentId())
                    .put("chunkId", hit.chunkId()).put("source", hit.source()).put("text", hit.text());
        }
        String summary = hits.isEmpty() ? "No passage in the knowledge base matches"
                : "Found " + hits.size() + " passage" + (hits.size() == 1 ? "" : "s") + ": "
                + String.join(", ", hits.stream().map(h -> h.title() == null ? h.documentId() : h.title()).distinct().toList());
        return new ToolOutcome(result, summary, hits, Optional.empty());
    }
}
