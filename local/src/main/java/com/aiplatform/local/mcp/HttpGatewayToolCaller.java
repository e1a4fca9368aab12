package com.aiplatform.local.mcp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the gateway over HTTP, the way APIM's MCP export calls the APIs behind it: each tool call is a new
 * request at the gateway's front door, admitted on the caller's own key or token like any other.
 */
public final class HttpGatewayToolCaller implements ToolCaller {

    private final URI gateway;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    public HttpGatewayToolCaller(URI gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    @Override
    public Response call(String method, String pathAndQuery, Optional<String> jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(pathAndQuery)).timeout(timeout)
                .method(method, jsonBody.map(HttpRequest.BodyPublishers::ofString)
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        jsonBody.ifPresent(body -> request.header("Content-Type", "application/json"));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Response(502, "text/plain", "The gateway did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(503, "text/plain", "Interrupted while calling the gateway");
        }
    }
}
