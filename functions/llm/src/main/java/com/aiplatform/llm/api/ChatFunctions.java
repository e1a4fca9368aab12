package com.aiplatform.llm.api;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.cache.CachePolicy;
import com.aiplatform.llm.cache.CachedChat;
import com.aiplatform.llm.chat.ChatWire;
import com.aiplatform.llm.chat.CompletionView;
import com.aiplatform.llm.safety.ScreenedChat;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}. With {@code stream: true} the answer is the whole server-sent event stream
 * in one body ({@link HttpResponses#eventStream}).
 */
public final class ChatFunctions {

    private final ChatWire wire;
    /** {@code hit} when the answer came from the cache (no cost, no model call), {@code miss} if not. */
    public static final String CACHE_HEADER = "x-aiplatform-cache";
    /** On a hit: {@code exact} (the same request) or {@code semantic} (a prompt close enough). */
    public static final String CACHE_MATCH_HEADER = "x-aiplatform-cache-match";
    /** On a semantic hit: the cosine similarity of the two prompts, three decimals. */
    public static final String CACHE_SIMILARITY_HEADER = "x-aiplatform-cache-similarity";

    private final ScreenedChat chat;
    private final long maxRequestBytes;
    private final Clock clock;

    public ChatFunctions(ChatWire wire, ScreenedChat chat, long maxRequestBytes, Clock clock) {
        this.wire = wire;
        this.chat = chat;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
    }

    @FunctionName("llmChatCompletions")
    public HttpResponseMessage complete(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/llm/v1/chat/completions",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return OpenAiResponses.handle(request, () -> {
            var callContext = Calls.context(request, context.getInvocationId());
            ChatCall call = wire.parse(RequestBodies.json(request, JsonNode.class, maxRequestBytes));
            var answer = chat.complete(callContext, call,
                    CachePolicy.fromHeader(GatewayHeaders.header(request.getHeaders(), GatewayHeaders.CACHE_POLICY)));
            String id = "chatcmpl-" + UUID.randomUUID();
            long created = clock.instant().getEpochSecond();
            var response = answer.response();
            Map<String, String> headers = new HashMap<>(Map.of(
                    OpenAiResponses.GENERATOR_HEADER, response.generator().label(),
                    CACHE_HEADER, answer.cache().header(),
                    OpenAiResponses.TOKENS_HEADER, Long.toString(answer.cache() == CachedChat.Status.HIT
                            ? 0 : response.usage().inputTokens() + response.usage().outputTokens())));
            answer.match().ifPresent(match -> headers.put(CACHE_MATCH_HEADER, match.header()));
            answer.similarity().ifPresent(similarity -> headers.put(CACHE_SIMILARITY_HEADER,
                    String.format(Locale.ROOT, "%.3f", Math.floor(similarity * 1000) / 1000)));
            if (call.stream()) {
                return HttpResponses.eventStream(request,
                        CompletionView.stream(id, created, response, call.responseFormat(), call.includeUsage()), headers);
            }
            return HttpResponses.json(request, 200,
                    CompletionView.completion(id, created, response, call.responseFormat()), headers);
        });
    }
}
