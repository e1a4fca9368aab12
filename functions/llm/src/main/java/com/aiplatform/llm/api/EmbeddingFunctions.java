package com.aiplatform.llm.api;

import com.aiplatform.llm.embeddings.EmbeddingService;
import com.aiplatform.llm.embeddings.EmbeddingView;
import com.aiplatform.llm.embeddings.EmbeddingWire;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Map;
import java.util.Optional;

/** {@code POST /v1/embeddings}. */
public final class EmbeddingFunctions {

    private final EmbeddingWire wire;
    private final EmbeddingService embeddings;
    private final String generator;
    private final long maxRequestBytes;

    public EmbeddingFunctions(EmbeddingWire wire, EmbeddingService embeddings, String generator, long maxRequestBytes) {
        this.wire = wire;
        this.embeddings = embeddings;
        this.generator = generator;
        this.maxRequestBytes = maxRequestBytes;
    }

    @FunctionName("llmEmbeddings")
    public HttpResponseMessage embed(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/llm/v1/embeddings",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return OpenAiResponses.handle(request, () -> {
            var callContext = Calls.context(request, context.getInvocationId());
            var call = wire.parse(RequestBodies.json(request, JsonNode.class, maxRequestBytes), embeddings.dimensions());
            var result = embeddings.embed(callContext, call);
            return HttpResponses.json(request, 200, EmbeddingView.of(call.model(), result, call.base64()), Map.of(
                    OpenAiResponses.GENERATOR_HEADER, generator,
                    OpenAiResponses.TOKENS_HEADER, Long.toString(result.embeddings().inputTokens())));
        });
    }
}
