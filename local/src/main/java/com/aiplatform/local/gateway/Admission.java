package com.aiplatform.local.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the gateway decided for an admitted request: the headers to forward to the function, headers to
 * add to the response (CORS, rate-limit state), or an answer of its own without calling any function
 * (a CORS preflight), and a listener told the function's response status and headers (token counting).
 */
public record Admission(Map<String, String> forward, Map<String, String> responseHeaders, Optional<Integer> answer,
                        BiConsumer<Integer, Map<String, String>> onResponse) {

    public Admission {
        forward = Map.copyOf(forward);
        responseHeaders = Map.copyOf(responseHeaders);
    }

    public static Admission forward(Map<String, String> headers) {
        return new Admission(headers, Map.of(), Optional.empty(), (status, response) -> { });
    }

    public static Admission answer(int status, Map<String, String> responseHeaders) {
        return new Admission(Map.of(), responseHeaders, Optional.of(status), (s, r) -> { });
    }
}
