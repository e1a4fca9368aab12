package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.GroundingPrompt;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.usage.Usage;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Chat completions on Azure OpenAI (v1 API) or any OpenAI-compatible endpoint, through the official
 * openai-java client: tools as functions, tool results as tool messages, sources as one numbered system
 * message, citations read back from the answer and usage priced under the deployment name. It does not
 * retry; wrap it in {@code ResilientLlmClient}.
 */
public final class OpenAiLlmClient implements LlmClient {

    private final OpenAIClient client;
    private final String deployment;
    private final Clock clock;

    public OpenAiLlmClient(OpenAIClient client, String deployment, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Production wiring: a client shared with the embedder, the chat deployment from settings. */
    public static OpenAiLlmClient create(OpenAIClient client, OpenAiSettings settings) {
        return new OpenAiLlmClient(client, settings.requireChatDeployment(), Clock.systemUTC());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return toResponse(client.chat().completions().create(ChatCompletionRequests.of(request, deployment)),
                    request);
        } catch (OpenAIException e) {
            throw OpenAiErrors.translate(e, "Chat completion on " + deployment, clock);
        }
    }

    @Override
    public String modelName() {
        return deployment;
    }

    private ChatResponse toResponse(ChatCompletion completion, ChatRequest request) {
        if (completion.choices().isEmpty()) {
            throw new LlmException("Chat completion on " + deployment + " returned no choices", 200, false, null,
                    null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletionMessage message = choice.message();
        String text = message.content().or(message::refusal).orElse("");
        List<ToolCall> toolCalls = message.toolCalls().orElse(List.of()).stream()
                .filter(ChatCompletionMessageToolCall::isFunction)
                .map(ChatCompletionMessageToolCall::asFunction)
                .map(call -> new ToolCall(call.id(), call.function().name(), call.function().arguments()))
                .toList();
        Usage usage = completion.usage()
                .map(u -> new Usage(deployment, u.promptTokens(), u.completionTokens()))
                .orElse(Usage.none(deployment));
        return new ChatResponse(text, toolCalls, GroundingPrompt.citations(text, request.sources()), Generator.MODEL,
                usage, choice.finishReason().asString());
    }
}
