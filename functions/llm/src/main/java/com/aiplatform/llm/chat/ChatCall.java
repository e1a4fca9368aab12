package com.aiplatform.llm.chat;

import com.aiplatform.shared.llm.ChatRequest;

/**
 * A chat completion request as this API understood it: the model asked for, the request for the pool, and
 * how to answer (a stream of server-sent events or one JSON object, a JSON object as content, tools allowed).
 */
public record ChatCall(String model, ChatRequest request, boolean stream, boolean includeUsage,
                       ResponseFormat responseFormat) {

    public enum ResponseFormat { TEXT, JSON_OBJECT }
}
