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
import com.aiplatform.shared.resilience.RetryAfter;
import com.aiplatform.shared.usage.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * the same errors (408, 429, 5xx and no answer retriable with the server's Retry-After). It does not retry; wrap
 * it in {@code ResilientLlmClient}.
 */
public final class OpenAiHttpLlmClient implements LlmClient {

    private final HttpClient http;
    private final OpenAiSettings settings;
    private final String deployment;
    private final Supplier<String> entraTokens;
    private final URI completions;
    private final Clock clock;

    public OpenAiHttpLlmClient(HttpClient http, OpenAiSettings settings, Supplier<String> entraTokens, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = settings;
        this.deployment = settings.requireChatDeployment();
        this.entraTokens = entraTokens;
        this.completions = URI.create(settings.baseUrl() + "/chat/completions");
        this.clock = clock;
        if (settings.authentication() == OpenAiSettings.Authentication.ENTRA_ID) {
            Objects.requireNonNull(entraTokens, "entraTokens");
        }
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        HttpRequest.Builder call = HttpRequest.newBuilder(completions)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body(request, deployment))));
        switch (settings.authentication()) {
            case AZURE_API_KEY -> call.header("api-key", settings.apiKey().orElseThrow());
            case BEARER_API_KEY -> call.header("Authorization", "Bearer " + settings.apiKey().orElseThrow());
            case ENTRA_ID -> call.header("Authorization", "Bearer " + entraTokens.get());
            case NONE -> { }
        }
        HttpResponse<String> response = send(call.build());
        if (response.statusCode() / 100 != 2) {
            throw failure(response);
        }
        return toResponse(readJson(response), request);
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

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LlmException("Chat completion on " + deployment + " got no answer: " + e, 0, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("Interrupted during a chat completion on " + deployment, 0, false, null, e);
        }
    }

    private JsonNode readJson(HttpResponse<String> response) {
        try {
            return Json.tree(response.body());
        } catch (IllegalArgumentException e) {
            throw new LlmException("Chat completion on " + deployment + " answered with no JSON body", 200, false,
                    null, e);
        }
    }

    /** 408, 429 and 5xx may pass; other 4xx carry the server's own {@code code: message}. */
    private LlmException failure(HttpResponse<String> response) {
        int status = response.statusCode();
        boolean retriable = status == 408 || status == 429 || status >= 500;
        var retryAfter = retriable ? RetryAfter.parse(response.headers().firstValue("retry-after-ms"),
                response.headers().firstValue("retry-after"), clock).orElse(null) : null;
        return new LlmException("Chat completion on " + deployment + " failed with HTTP " + status + ": "
                + detail(response.body()), status, retriable, retryAfter, null);
    }

    private static String detail(String body) {
        try {
            JsonNode tree = Json.tree(body);
            JsonNode error = tree.has("error") ? tree.get("error") : tree;
            if (error.hasNonNull("message")) {
                String code = error.path("code").asText("");
                return (code.isEmpty() ? "" : code + ": ") + error.get("message").asText();
            }
        } catch (IllegalArgumentException notJson) {
            // a body that is not JSON is shown as it is, cut short
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
