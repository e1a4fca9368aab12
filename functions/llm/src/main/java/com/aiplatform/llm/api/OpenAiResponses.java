package com.aiplatform.llm.api;

import com.aiplatform.llm.errors.OpenAiError;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;

import java.util.function.Supplier;

/**
 * {@link HttpResponses#handle} for this API: every problem it answers also carries OpenAI's {@code error} member,
 * so that the official clients raise their typed errors (a 402 names the remaining budget in both).
 */
public final class OpenAiResponses {

    /** What produced an answer: {@code extractive-offline}, {@code bundled-onnx} or {@code model}. */
    public static final String GENERATOR_HEADER = "x-aiplatform-generator";
    /** The model tokens an answer used, which both gateways count against the product's token limit. */
    public static final String TOKENS_HEADER = "x-aiplatform-tokens";

    private OpenAiResponses() {
    }

    public static HttpResponseMessage handle(HttpRequestMessage<?> request, Supplier<HttpResponseMessage> handler) {
        return HttpResponses.handle(request, () -> {
            try {
                return handler.get();
            } catch (ProblemException e) {
                throw OpenAiError.withErrorMember(e);
            }
        });
    }
}
