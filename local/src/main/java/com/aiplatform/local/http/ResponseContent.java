package com.aiplatform.local.http;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpResponseMessage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What goes on the wire for a function's return value: an {@code HttpResponseMessage} as built, any
 * other value as a 200 (text as text, bytes as bytes, objects as JSON), null as 204.
 */
record ResponseContent(int status, Map<String, String> headers, byte[] body) {

    static ResponseContent from(Object result) {
        if (result == null) {
            return new ResponseContent(204, Map.of(), new byte[0]);
        }
        if (result instanceof HttpResponseMessage response) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (response instanceof LocalHttpResponse local) {
                headers.putAll(local.headers());
            } else if (response.getHeader("Content-Type") != null) {
                headers.put("content-type", response.getHeader("Content-Type"));
            }
            return withBody(response.getStatusCode(), headers, response.getBody());
        }
        return withBody(200, new LinkedHashMap<>(), result);
    }

    static ResponseContent problem(ProblemException e, String path) {
        Problem problem = e.problem().instance() == null ? e.problem().withInstance(path) : e.problem();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", Problem.MEDIA_TYPE);
        e.retryAfter().ifPresent(d -> headers.put("retry-after", Long.toString(Math.max(1, d.toSeconds()))));
        e.headers().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        return new ResponseContent(problem.status(), headers, Json.writeBytes(problem.toBody()));
    }

    private static ResponseContent withBody(int status, Map<String, String> headers, Object body) {
        if (body == null) {
            return new ResponseContent(status, headers, new byte[0]);
        }
        if (body instanceof byte[] bytes) {
            headers.putIfAbsent("content-type", "application/octet-stream");
            return new ResponseContent(status, headers, bytes);
        }
        if (body instanceof String text) {
            headers.putIfAbsent("content-type", "text/plain; charset=utf-8");
            return new ResponseContent(status, headers, text.getBytes(StandardCharsets.UTF_8));
        }
        headers.putIfAbsent("content-type", "application/json; charset=utf-8");
        return new ResponseContent(status, headers, Json.writeBytes(body));
    }
}
