package com.aiplatform.agent.offline;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.text.TokenCounter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline fallback's replies: after a tool ran, its summary (or its error) in plain words; after a
 * knowledge search, sentences quoted from the best-ranked passage that matches, with its {@code [n]}, by the
 * shared extractive method. Every reply starts with {@link #PREFIX}, so no one mistakes it for a model's.
 */
final class OfflineReplies {

    static final String PREFIX = "[Offline fallback: no language model is configured, so this reply was put "
            + "together from tool results without one.] ";

    private final ExtractiveLlmClient extractive;

    OfflineReplies(TokenCounter tokens) {
        this.extractive = new ExtractiveLlmClient(tokens);
    }

    record Text(String text, List<Integer> citations) {
    }

    /** The reply to the tool results that end the request, answering the last customer message. */
    Text fromToolResults(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int start = messages.size();
        while (start > 0 && messages.get(start - 1).role() == ChatMessage.Role.TOOL) {
            start--;
        }
        Map<String, String> names = new HashMap<>();
        if (start > 0) {
            messages.get(start - 1).toolCalls().forEach(call -> names.put(call.id(), call.name()));
        }
        List<String> parts = new ArrayList<>();
        List<Integer> citations = new ArrayList<>();
        for (ChatMessage result : messages.subList(start, messages.size())) {
            String tool = names.getOrDefault(result.toolCallId(), "the tool");
            JsonNode content = parse(result.content());
            if (content.hasNonNull("error")) {
                parts.add("The tool " + tool + " could not help: " + content.get("error").asText());
            } else if (content.has("passages")) {
                Text answer = fromPassages(request, content.get("passages"), request.maxOutputTokens());
                parts.add(answer.text());
                citations.addAll(answer.citations());
            } else {
                parts.add(content.path("summary").asText("The tool " + tool + " ran.") + ".");
            }
        }
        return new Text(PREFIX + String.join(" ", parts), citations.stream().distinct().toList());
    }

    private Text fromPassages(ChatRequest request, JsonNode passages, int maxOutputTokens) {
        List<Source> sources = new ArrayList<>();
        for (JsonNode passage : passages) {
            sources.add(new Source(passage.path("number").asInt(), passage.path("title").asText(""),
                    passage.path("text").asText("")));
        }
        if (sources.isEmpty()) {
            return new Text("The knowledge base has nothing on this.", List.of());
        }
        // Quote the best-ranked passage that has something to quote, not the best sentences of all of them:
        // sentence matching alone puts "delivery takes three to six days" beside the refund times, because both
        // share a word with "How long do refunds take?", while the search ranked the refunds passage first.
        ChatResponse answer = null;
        for (Source source : sources) {
            answer = extractive.chat(new ChatRequest(List.of(ChatMessage.user(request.lastUserMessage())),
                    List.of(source), List.of(), maxOutputTokens, 0));
            if (!answer.citations().isEmpty()) {
                break;
            }
        }
        return new Text("From the knowledge base: " + answer.text(), answer.citations());
    }

    /** "orderNumber (The order number, such as ORD-10001)" for each missing argument. */
    static String describe(ToolSpec tool, List<String> missing) {
        JsonNode properties = tool.parametersSchema().path("properties");
        return missing.stream().map(name -> {
            String description = properties.path(name).path("description").asText("");
            return description.isEmpty() ? name : name + " (" + description + ")";
        }).collect(Collectors.joining(" and "));
    }

    static String capabilities(List<ToolSpec> tools) {
        return "It can: " + tools.stream().map(ToolSpec::name).collect(Collectors.joining(", ")) + ".";
    }

    private static JsonNode parse(String content) {
        try {
            JsonNode node = Json.tree(content == null ? "{}" : content);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IllegalArgumentException notJson) {
            return Json.mapper().createObjectNode().put("summary", content);
        }
    }
}
