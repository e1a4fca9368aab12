package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.resilience.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Maps openai-java failures to {@link LlmException}, once, at the adapter edge: 408, 429, 5xx and transport
 * failures (timeouts, refused connections) are retriable and carry the server's Retry-After; other 4xx are
 * not, and carry the server's own error code and message so the caller can tell what was wrong.
 */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    public static LlmException translate(OpenAIException failure, String operation, Clock clock) {
        if (failure instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            boolean retriable = status == 408 || status == 429 || status >= 500;
            Duration retryAfter = retriable ? retryAfter(service.headers(), clock).orElse(null) : null;
            return new LlmException(operation + " failed with HTTP " + status + ": " + detail(service), status,
                    retriable, retryAfter, failure);
        }
        if (failure instanceof OpenAIIoException || failure instanceof OpenAIRetryableException) {
            return new LlmException(operation + " got no answer: " + failure.getMessage(), 0, true, null, failure);
        }
        return new LlmException(operation + " failed: " + failure.getMessage(), 0, false, null, failure);
    }

    static Optional<Duration> retryAfter(Headers headers, Clock clock) {
        return RetryAfter.parse(first(headers, "retry-after-ms"), first(headers, "retry-after"), clock);
    }

    private static Optional<String> first(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /**
     * {@code code: message} from the server's error object ({@code {"error":{"code","message"}}}, which
     * openai-java hands over already unwrapped), or the exception's own message.
     */
    private static String detail(OpenAIServiceException service) {
        try {
            JsonNode body = service.body().convert(JsonNode.class);
            JsonNode error = body != null && body.has("error") ? body.get("error") : body;
            if (error != null && error.hasNonNull("message")) {
                String code = error.path("code").asText("");
                return (code.isEmpty() ? "" : code + ": ") + error.get("message").asText();
            }
        } catch (RuntimeException unreadable) {
            // An unreadable body says nothing more than the exception's own message.
        }
        return service.getMessage();
    }
}
