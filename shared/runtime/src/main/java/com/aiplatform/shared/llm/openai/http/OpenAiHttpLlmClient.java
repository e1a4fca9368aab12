package com.aiplatform.shared.llm.openai.http;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.GroundingPrompt;
import com.aiplatform.shared.llm.ImagePart;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.usage.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Chat completions on Azure OpenAI's v1 API (or any OpenAI-compatible endpoint, the llm app among them) over the
 * JDK's HttpClient and Jackson, for the apps that call a model without carrying openai-java (~75 MB): the same
 * {@link OpenAiSettings}, the same request as the openai-java adapter (sources as one system message after the
 * caller's leading system messages, tools as functions, images as data URLs, {@code max_completion_tokens}) and
 * the same errors ({@link OpenAiHttpEndpoint}: 408, 429, 5xx and no answer retriable with the server's
 * Retry-After). It does not retry; wrap it in {@code ResilientLlmClient}.
 */
public final class OpenAiHttpLlmClient implements LlmClient {

    private final OpenAiHttpEndpoint endpoint;
    private final String deployment;

    public OpenAiHttpLlmClient(HttpClient http, OpenAiSettings settings, Supplier<String> entraTokens, Clock clock) {
        this(new OpenAiHttpEndpoint(http, settings, entraTokens, clock), settings.requireChatDeployment());
    }

    /** Chat on {@code deployment} (a vision deployment, say) rather than the settings' chat deployment. */
    public OpenAiHttpLlmClient(OpenAiHttpEndpoint endpoint, String deployment) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return toResponse(endpoint.post("/chat/completions", body(request, deployment), "Chat completion on " + deployment),
                request);
    }

    @Override
    public String modelName() {
        return deployment;
    }

    /** The chat completion request body; sources and tools as the openai-java adapter sends them. */
    static ObjectNode body(ChatRequest request, String deployment) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", deployment);
        body.put("max_completion_tokens", request.maxOutputTokens());
        body.put("temperature", request.temperature());
        ArrayNode messages = body.putArray("messages");
        boolean sourcesAdded = request.sources().isEmpty();
        for (ChatMessage message : request.messages()) {
            if (!sourcesAdded && message.role() != ChatMessage.Role.SYSTEM) {
                messages.addObject().put("role", "system").put("content", GroundingPrompt.systemMessage(request.sources()));
                sourcesAdded = true;
            }
            messages.add(message(message));
        }
        if (!sourcesAdded) {
            messages.addObject().put("role", "system").put("content", GroundingPrompt.systemMessage(request.sources()));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description() == null ? "" : tool.description());
                if (tool.parametersSchema() != null && tool.parametersSchema().isObject()) {
                    function.set("parameters", tool.parametersSchema());
                } else {
                    function.putObject("parameters").put("type", "object").putObject("properties");
                }
            }
        }
        return body;
    }

    private static ObjectNode message(ChatMessage message) {
        String content = message.content() == null ? "" : message.content();
        ObjectNode node = Json.mapper().createObjectNode();
        switch (message.role()) {
            case SYSTEM -> node.put("role", "system").put("content", content);
            case USER -> {
                node.put("role", "user");
                if (message.images().isEmpty()) {
                    node.put("content", content);
                } else {
                    ArrayNode parts = node.putArray("content");
                    if (!content.isEmpty()) {
                        parts.addObject().put("type", "text").put("text", content);
                    }
                    for (ImagePart image : message.images()) {
                        parts.addObject().put("type", "image_url").putObject("image_url").put("url", image.dataUrl());
                    }
                }
            }
            case ASSISTANT -> {
                node.put("role", "assistant");
                if (!content.isEmpty() || message.toolCalls().isEmpty()) {
                    node.put("content", content);
                }
                if (!message.toolCalls().isEmpty()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (ToolCall call : message.toolCalls()) {
                        calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                                .put("name", call.name())
                                .put("arguments", call.argumentsJson() == null ? "{}" : call.argumentsJson());
                    }
                }
            }
            case TOOL -> node.put("role", "tool").put("tool_call_id", message.toolCallId()).put("content", content);
        }
        return node;
    }

    private ChatResponse toResponse(JsonNode completion, ChatRequest request) {
        JsonNode choice = completion.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new LlmException("Chat completion on " + deployment + " returned no choices", 200, false, null, null);
        }
        JsonNode message = choice.path("message");
        String text = message.hasNonNull("content") ? message.get("content").asText()
                : message.path("refusal").asText("");
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            if ("function".equals(call.path("type").asText("function"))) {
                toolCalls.add(new ToolCall(call.path("id").asText(), call.path("function").path("name").asText(),
                        call.path("function").path("arguments").asText("{}")));
            }
        }
        JsonNode usage = completion.path("usage");
        Usage used = usage.isObject()
                ? new Usage(deployment, usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong())
                : Usage.none(deployment);
        return new ChatResponse(text, toolCalls, GroundingPrompt.citations(text, request.sources()), Generator.MODEL,
                used, choice.path("finish_reason").asText(null));
    }
}
