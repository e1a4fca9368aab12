package com.aiplatform.llm.cache;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.usage.Usage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers with the call's number and the question, so an answer from the cache is recognisably the first. */
final class CountingModel implements LlmClient {

    static final String MODEL = "counting-model";

    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResponse chat(ChatRequest request) {
        int n = calls.incrementAndGet();
        return new ChatResponse("answer " + n + " to " + request.lastUserMessage(), List.of(), List.of(),
                Generator.MODEL, new Usage(MODEL, 10, 5), "stop");
    }

    @Override
    public String modelName() {
        return MODEL;
    }
}
