package com.aiplatform.local.mcp;

import java.util.Map;
import java.util.Optional;

/** Sends a tool's HTTP request through the gateway, as the caller (their key or token in {@code headers}). */
public interface ToolCaller {

    Response call(String method, String pathAndQuery, Optional<String> jsonBody, Map<String, String> headers);

    record Response(int status, String contentType, String body) {
    }
}
