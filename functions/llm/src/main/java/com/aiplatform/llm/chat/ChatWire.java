package com.aiplatform.llm.chat;

import com.aiplatform.llm.errors.OpenAiError;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an OpenAI chat completion request ({@code POST /v1/chat/completions}) into a {@link ChatCall}, refusing
 * what it cannot honour with a 400 naming the field. Fields it does not know are ignored, as newer clients send
 * newer ones; {@code n} must be 1; a {@code tool_choice} that forces a tool and a {@code json_schema} response
 * format are refused, because the shared {@code LlmClient} port carries neither to the backends.
 */
public final class ChatWire {

    private final int defaultMaxTokens;
    private final int maxOutputTokens;

    public ChatWire(int defaultMaxTokens, int maxOutputTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
        this.maxOutputTokens = maxOutputTokens;
    }

    public ChatCall parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object");
        }
        String model = text(body, "model", true);
        List<ChatMessage> messages = messages(body.get("messages"));
        List<ToolSpec> tools = tools(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        if (choice != null && !choice.isNull()) {
            if (choice.isTextual() && choice.asText().equals("none")) {
                tools = List.of();
            } else if (!(choice.isTextual() && choice.asText().equals("auto"))) {
                throw OpenAiError.invalid("tool_choice", "tool_choice may be \"auto\" or \"none\" here: the platform's "
                        + "model port cannot force a tool call");
            }
        }
        int maxTokens = maxTokens(body);
        double temperature = number(body, "temperature", 0, 2, 1.0);
        number(body, "top_p", 0, 1, 1.0);
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw OpenAiError.invalid("n", "n must be 1: one choice per request");
        }
        boolean stream = bool(body, "stream");
        JsonNode streamOptions = body.get("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw OpenAiError.invalid("stream_options", "stream_options must be an object");
            }
            includeUsage = bool(streamOptions, "include_usage");
        }
        return new ChatCall(model, new ChatRequest(messages, List.of(), tools, maxTokens, temperature), stream,
                includeUsage, responseFormat(body.get("response_format")));
    }

    private int maxTokens(JsonNode body) {
        String field = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return defaultMaxTokens;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > maxOutputTokens) {
            throw OpenAiError.invalid(field, field + " must be an integer from 1 to " + maxOutputTokens);
        }
        return value.asInt();
    }

    private static ChatCall.ResponseFormat responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return ChatCall.ResponseFormat.TEXT;
        }
        if (!format.isObject() || !format.path("type").isTextual()) {
            throw OpenAiError.invalid("response_format", "response_format must be an object with a type");
        }
        return switch (format.get("type").asText()) {
            case "text" -> ChatCall.ResponseFormat.TEXT;
            case "json_object" -> ChatCall.ResponseFormat.JSON_OBJECT;
            case "json_schema" -> throw OpenAiError.invalid("response_format", "json_schema is not supported here: the "
                    + "platform's model port carries no schema; use json_object");
            default -> throw OpenAiError.invalid("response_format", "response_format.type must be text or json_object");
        };
    }

    private static List<ChatMessage> messages(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw OpenAiError.invalid("messages", "messages must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String at) {
        if (!node.isObject()) {
            throw OpenAiError.invalid(at, at + " must be an object");
        }
        String role = node.path("role").isTextual() ? node.get("role").asText().toLowerCase(Locale.ROOT) : "";
        String content = content(node.get("content"), at + ".content");
        return switch (role) {
            case "system", "developer" -> ChatMessage.system(required(content, at));
            case "user" -> ChatMessage.user(required(content, at));
            case "assistant" -> {
                List<ToolCall> calls = toolCalls(node.get("tool_calls"), at + ".tool_calls");
                if (content == null && calls.isEmpty()) {
                    throw OpenAiError.invalid(at + ".content", "An assistant message needs content or tool_calls");
                }
                yield ChatMessage.assistant(content == null ? "" : content, calls);
            }
            case "tool" -> ChatMessage.tool(text(node, "tool_call_id", true), required(content, at));
            default -> throw OpenAiError.invalid(at + ".role",
                    "role must be system, developer, user, assistant or tool");
        };
    }

    private static String required(String content, String at) {
        if (content == null) {
            throw OpenAiError.invalid(at + ".content", at + ".content is required");
        }
        return content;
    }

    /** A string, or an array of text parts joined; images are refused (no vision model in the pool's port here). */
    private static String content(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw OpenAiError.invalid(at, at + " must be a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw OpenAiError.invalid(at, at + " may hold only {\"type\":\"text\",\"text\":...} parts");
            }
            text.append(text.length() == 0 ? "" : "\n").append(part.get("text").asText());
        }
        return text.toString();
    }

    private static List<ToolCall> toolCalls(JsonNode array, String at) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw OpenAiError.invalid(at, at + " must be an array");
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : array) {
            JsonNode function = call.path("function");
            if (!call.isObject() || !call.path("id").isTextual() || !function.path("name").isTextual()
                    || !function.path("arguments").isTextual()) {
                throw OpenAiError.invalid(at, "Each tool call needs an id and a function with a name and arguments");
            }
            calls.add(new ToolCall(call.get("id").asText(), function.get("name").asText(),
                    function.get("arguments").asText()));
        }
        return calls;
    }

    private static List<ToolSpec> tools(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw OpenAiError.invalid("tools", "tools must be an array");
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode tool : array) {
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.path("name").isTextual()
                    || !function.get("name").asText().matches("[A-Za-z0-9_-]{1,64}")) {
                throw OpenAiError.invalid("tools", "Each tool is {\"type\":\"function\",\"function\":{\"name\":...}} "
                        + "with a name of 1-64 letters, digits, _ or -");
            }
            JsonNode parameters = function.get("parameters");
            if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                throw OpenAiError.invalid("tools", "A tool's parameters must be a JSON Schema object");
            }
            tools.add(new ToolSpec(function.get("name").asText(), function.path("description").asText(""),
                    parameters == null || parameters.isNull() ? null : parameters));
        }
        return tools;
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw OpenAiError.invalid(field, field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 256) {
            throw OpenAiError.invalid(field, field + " must be a non-empty string of at most 256 characters");
        }
        return value.asText();
    }

    private static double number(JsonNode body, String field, double min, double max, double fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw OpenAiError.invalid(field, field + " must be a number from " + min + " to " + max);
        }
        return value.asDouble();
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw OpenAiError.invalid(field, field + " must be true or false");
        }
        return value.asBoolean();
    }
}
