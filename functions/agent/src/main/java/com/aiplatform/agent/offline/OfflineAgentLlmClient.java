package com.aiplatform.agent.offline;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Vectors;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.Usage;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's offline fallback, used when no language model is configured. It is not a model and says so
 * in every reply. On a customer's message it picks the tool whose description is closest to the message
 * in the embedding space (cosine similarity, plus a small bonus when the message contains an identifier
 * the tool requires, counted before the similarity threshold), and fills the arguments by pattern from the tool's schema. Once the tool has run,
 * {@link OfflineReplies} writes the reply from the tool results. Deterministic: the same conversation gets
 * the same calls and the same reply.
 */
public final class OfflineAgentLlmClient implements LlmClient {

    public static final String MODEL_NAME = "agent-offline-router";
    /** Below this cosine similarity no tool is a plausible match (MiniLM puts unrelated sentences near 0-0.15). */
    static final double MIN_SIMILARITY = 0.2;
    /** A message holding a required identifier of a tool (an order number) leans towards that tool. */
    static final double IDENTIFIER_BONUS = 0.1;

    private final Embedder embedder;
    private final TokenCounter tokens;
    private final OfflineReplies replies;
    private final Map<String, float[]> descriptionVectors = new ConcurrentHashMap<>();

    public OfflineAgentLlmClient(Embedder embedder, TokenCounter tokens) {
        this.embedder = embedder;
        this.tokens = tokens;
        this.replies = new OfflineReplies(tokens);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (last.role() == ChatMessage.Role.TOOL) {
            return respond(request, replies.fromToolResults(request), List.of());
        }
        if (request.tools().isEmpty()) {
            return respond(request, new OfflineReplies.Text(OfflineReplies.PREFIX
                    + "no tools were offered for this message, and the fallback does not write answers of its own.",
                    List.of()), List.of());
        }
        List<String> userMessages = userMessagesNewestFirst(request);
        List<String> earlier = agentTextsNewestFirst(request);
        Route route = route(userMessages.get(0), request.tools(), userMessages);
        if (route == null) {
            return respond(request, new OfflineReplies.Text(OfflineReplies.PREFIX + "your message does not match "
                    + "anything its tools can do. " + OfflineReplies.capabilities(request.tools()), List.of()), List.of());
        }
        ArgumentExtractor.Extracted extracted = ArgumentExtractor.extract(route.tool().parametersSchema(), userMessages,
                earlier);
        if (!extracted.missing().isEmpty()) {
            return respond(request, new OfflineReplies.Text(OfflineReplies.PREFIX + "this looks like a job for "
                    + route.tool().name() + ", which needs " + OfflineReplies.describe(route.tool(), extracted.missing())
                    + ". Please include it in your message.", List.of()), List.of());
        }
        int round = (int) request.messages().stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT).count();
        ToolCall call = new ToolCall("offline-" + round + "-" + route.tool().name(), route.tool().name(),
                extracted.arguments().toString());
        return respond(request, new OfflineReplies.Text("", List.of()), List.of(call));
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    /** The best tool for the message, or null when none is similar enough. */
    Route route(String message, List<ToolSpec> tools, List<String> userMessages) {
        float[] query = embedder.embed(message);
        Route best = null;
        for (ToolSpec tool : tools) {
            double score = Vectors.cosine(query, descriptionVectors.computeIfAbsent(tool.description(), embedder::embed));
            // "the status of ORD-10002?" is mostly filler words around the one thing that says which tool it is
            // for, the order number: a tool whose required identifiers the message holds needs no threshold
            // (its cosine alone is about 0.1), though a better-matching tool still wins.
            boolean identified = holdsRequiredIdentifier(tool, message);
            if (identified) {
                score += IDENTIFIER_BONUS;
            }
            if ((identified || score >= MIN_SIMILARITY) && (best == null || score > best.score())) {
                best = new Route(tool, score);
            }
        }
        return best;
    }

    private static boolean holdsRequiredIdentifier(ToolSpec tool, String message) {
        JsonNode properties = tool.parametersSchema().path("properties");
        boolean any = false;
        for (JsonNode required : tool.parametersSchema().path("required")) {
            JsonNode pattern = properties.path(required.asText()).path("pattern");
            if (pattern.isTextual()) {
                if (ArgumentExtractor.findPattern(pattern.asText(), List.of(message)).isEmpty()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** What the agent replied and its tools returned in earlier turns, newest first: where ids it created are. */
    private static List<String> agentTextsNewestFirst(ChatRequest request) {
        List<String> texts = new ArrayList<>();
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage message = request.messages().get(i);
            if ((message.role() == ChatMessage.Role.ASSISTANT || message.role() == ChatMessage.Role.TOOL)
                    && message.content() != null && !message.content().isBlank()) {
                texts.add(message.content());
            }
        }
        return texts;
    }

    private static List<String> userMessagesNewestFirst(ChatRequest request) {
        List<String> messages = new ArrayList<>();
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage message = request.messages().get(i);
            if (message.role() == ChatMessage.Role.USER && message.content() != null) {
                messages.add(message.content());
            }
        }
        if (messages.isEmpty()) {
            messages.add("");
        }
        return messages;
    }

    private ChatResponse respond(ChatRequest request, OfflineReplies.Text reply, List<ToolCall> calls) {
        long input = 0;
        for (ChatMessage message : request.messages()) {
            input += message.content() == null ? 0 : tokens.count(message.content());
        }
        long output = tokens.count(reply.text()) + calls.stream().mapToLong(c -> tokens.count(c.argumentsJson())).sum();
        return new ChatResponse(reply.text(), calls, reply.citations(), Generator.EXTRACTIVE_OFFLINE,
                new Usage(MODEL_NAME, input, output), calls.isEmpty() ? "stop" : "tool_calls");
    }

    record Route(ToolSpec tool, double score) {
    }
}
