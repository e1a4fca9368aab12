package com.aiplatform.agent;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.usage.Usage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/** A model fake: plays scripted answers in order and records every request it got. */
public final class ScriptedLlm implements LlmClient {

    private final Deque<Function<ChatRequest, ChatResponse>> script = new ConcurrentLinkedDeque<>();
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public ScriptedLlm thenCall(String name, String argumentsJson) {
        script.add(request -> new ChatResponse("", List.of(new ToolCall("call-" + requests.size(), name, argumentsJson)),
                List.of(), Generator.MODEL, new Usage("gpt-4o-mini", 100, 10), "tool_calls"));
        return this;
    }

    public ScriptedLlm thenAnswer(String text) {
        script.add(request -> new ChatResponse(text, List.of(), List.of(), Generator.MODEL,
                new Usage("gpt-4o-mini", 120, 30), "stop"));
        return this;
    }

    public ScriptedLlm then(Function<ChatRequest, ChatResponse> step) {
        script.add(step);
        return this;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        requests.add(request);
        Function<ChatRequest, ChatResponse> step = script.poll();
        if (step == null) {
            throw new AssertionError("The model was called more often than scripted");
        }
        return step.apply(request);
    }

    @Override
    public String modelName() {
        return "gpt-4o-mini";
    }

    public List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
