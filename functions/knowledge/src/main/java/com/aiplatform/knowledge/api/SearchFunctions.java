package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.search.AnswerService;
import com.aiplatform.knowledge.search.AskRequest;
import com.aiplatform.knowledge.search.SearchRequest;
import com.aiplatform.knowledge.search.SearchService;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.microsoft.azure.functions.ExecutionContext;
import com.aiplatform.knowledge.search.Answer;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Map;
import java.util.Optional;

/** HTTP functions for retrieval: hybrid search and grounded answers. */
public final class SearchFunctions {

    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final SearchService search;
    static final String TOKENS_HEADER = "x-aiplatform-tokens";

    private final AnswerService answers;

    public SearchFunctions(SearchService search, AnswerService answers) {
        this.search = search;
        this.answers = answers;
    }

    @FunctionName("knowledgeSearch")
    public HttpResponseMessage search(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/knowledge/search",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var query = RequestBodies.json(request, SearchRequest.class, MAX_REQUEST_BYTES);
            return HttpResponses.ok(request, search.search(call, query));
        });
    }

    @FunctionName("knowledgeAsk")
    public HttpResponseMessage ask(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/knowledge/ask",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var question = RequestBodies.json(request, AskRequest.class, MAX_REQUEST_BYTES);
            Answer answer = answers.ask(call, question);
            // The gateway counts model tokens per consumer from this header (the definition's token limit).
            return HttpResponses.json(request, 200, answer,
                    Map.of(TOKENS_HEADER, Long.toString(answer.usage().inputTokens() + answer.usage().outputTokens())));
        });
    }
}
