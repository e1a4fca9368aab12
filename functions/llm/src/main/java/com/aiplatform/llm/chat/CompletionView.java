package com.aiplatform.llm.chat;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.ToolCall;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer in OpenAI's wire format: one {@code chat.completion} object, or the {@code chat.completion.chunk}
 * events of a stream ending in {@code data: [DONE]}. Every answer also names its {@code generator}
 * ({@code model} or {@code extractive-offline}), beside the model id, which for the offline method says so too.
 */
public final class CompletionView {

    private CompletionView() {
    }

    public static Map<String, Object> completion(String id, long created, ChatResponse response,
                                                 ChatCall.ResponseFormat format) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content(response, format));
        message.put("refusal", null);
        if (!response.toolCalls().isEmpty()) {
            message.put("tool_calls", toolCalls(response.toolCalls(), false));
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason(response));
        Map<String, Object> body = head(id, "chat.completion", created, response);
        body.put("choices", List.of(choice));
        body.put("usage", usage(response));
        return body;
    }

    /** The whole stream as server-sent events: role, content in pieces, tool calls, finish, usage, [DONE]. */
    public static String stream(String id, long created, ChatResponse response, ChatCall.ResponseFormat format,
                                boolean includeUsage) {
        StringBuilder events = new StringBuilder();
        event(events, chunk(id, created, response, Map.of("role", "assistant", "content", ""), null, includeUsage));
        String content = content(response, format);
        if (content != null) {
            for (String piece : pieces(content)) {
                event(events, chunk(id, created, response, Map.of("content", piece), null, includeUsage));
            }
        }
        if (!response.toolCalls().isEmpty()) {
            event(events, chunk(id, created, response, Map.of("tool_calls", toolCalls(response.toolCalls(), true)), null,
                    includeUsage));
        }
        event(events, chunk(id, created, response, Map.of(), finishReason(response), includeUsage));
        if (includeUsage) {
            Map<String, Object> last = head(id, "chat.completion.chunk", created, response);
            last.put("choices", List.of());
            last.put("usage", usage(response));
            event(events, last);
        }
        return events.append("data: [DONE]\n\n").toString();
    }

    private static Map<String, Object> chunk(String id, long created, ChatResponse response, Map<String, Object> delta,
                                             String finishReason, boolean includeUsage) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = head(id, "chat.completion.chunk", created, response);
        body.put("choices", List.of(choice));
        if (includeUsage) {
            body.put("usage", null);
        }
        return body;
    }

    private static Map<String, Object> head(String id, String object, long created, ChatResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", response.usage().model());
        body.put("system_fingerprint", null);
        body.put("generator", response.generator().label());
        return body;
    }

    /** With {@code json_object}, content that is not a JSON object is wrapped as {@code {"answer": ...}}. */
    static String content(ChatResponse response, ChatCall.ResponseFormat format) {
        if (format != ChatCall.ResponseFormat.JSON_OBJECT) {
            return response.text().isEmpty() && !response.toolCalls().isEmpty() ? null : response.text();
        }
        try {
            if (Json.mapper().readTree(response.text()).isObject()) {
                return response.text();
            }
        } catch (JsonProcessingException e) {
            // Not JSON: wrapped below.
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("answer", response.text());
        wrapped.put("generator", response.generator().label());
        return Json.write(wrapped);
    }

    private static String finishReason(ChatResponse response) {
        if (!response.toolCalls().isEmpty()) {
            return "tool_calls";
        }
        String reason = response.finishReason();
        return reason == null || reason.isBlank() ? "stop" : reason;
    }

    private static List<Map<String, Object>> toolCalls(List<ToolCall> calls, boolean indexed) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            if (indexed) {
                entry.put("index", i);
            }
            entry.put("id", call.id());
            entry.put("type", "function");
            entry.put("function", Map.of("name", call.name(), "arguments", call.argumentsJson()));
            wire.add(entry);
        }
        return wire;
    }

    private static Map<String, Object> usage(ChatResponse response) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", response.usage().inputTokens());
        usage.put("completion_tokens", response.usage().outputTokens());
        usage.put("total_tokens", response.usage().inputTokens() + response.usage().outputTokens());
        return usage;
    }

    /** Words with their following space, a few at a time, as a model's deltas come. */
    private static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == ' ' && ++words % 4 == 0) {
                pieces.add(content.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            pieces.add(content.substring(start));
        }
        return pieces;
    }

    private static void event(StringBuilder events, Map<String, Object> body) {
        events.append("data: ").append(Json.write(body)).append("\n\n");
    }
}
