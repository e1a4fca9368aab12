package com.aiplatform.llm.chat;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.Usage;

import java.util.ArrayList;
import java.util.List;

/**
 * For the offline extractive method, which answers only from sources: a raw OpenAI conversation has none, so
 * every message before the last user message (system prompt, earlier turns, tool results) becomes a numbered
 * source, and the answer is sentences taken from them word for word. A model backend is never wrapped in this.
 * Its usage counts each message once, as a model's would: the sources made of messages are not counted again, so
 * a call never costs more than the prompt-plus-max-tokens estimate it reserved (counted with the same
 * {@code tokens}).
 */
public final class ConversationSourcesLlmClient implements LlmClient {

    private final LlmClient extractive;
    private final TokenCounter tokens;

    public ConversationSourcesLlmClient(LlmClient extractive, TokenCounter tokens) {
        this.extractive = extractive;
        this.tokens = tokens;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (!request.sources().isEmpty()) {
            return extractive.chat(request);
        }
        List<ChatMessage> messages = request.messages();
        int last = messages.size() - 1;
        while (last >= 0 && messages.get(last).role() != ChatMessage.Role.USER) {
            last--;
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (i != last && message.content() != null && !message.content().isBlank()) {
                sources.add(new Source(sources.size() + 1, message.role().name().toLowerCase(java.util.Locale.ROOT)
                        + (message.toolCallId() == null ? "" : " " + message.toolCallId()), message.content()));
            }
        }
        ChatResponse response = extractive.chat(new ChatRequest(messages, sources, request.tools(),
                request.maxOutputTokens(), request.temperature()));
        long counted = sources.stream().mapToLong(source -> tokens.count(source.text())
                + tokens.count(source.reference())).sum();
        Usage usage = response.usage();
        return new ChatResponse(response.text(), response.toolCalls(), response.citations(), response.generator(),
                new Usage(usage.model(), Math.max(0, usage.inputTokens() - counted), usage.outputTokens()),
                response.finishReason());
    }

    @Override
    public String modelName() {
        return extractive.modelName();
    }
}
