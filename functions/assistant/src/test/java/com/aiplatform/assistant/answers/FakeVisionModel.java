package com.aiplatform.assistant.answers;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an Azure OpenAI vision deployment on 127.0.0.1 (the pattern of shared/openai's
 * FakeAzureOpenAi): it records each chat completion request and answers in the real response shape,
 * describing the image only if one was attached as an {@code image_url} part.
 */
final class FakeVisionModel implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    FakeVisionModel() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
                requests.add(body);
                boolean sawImage = body.path("messages").findValues("image_url").stream()
                        .anyMatch(url -> url.path("url").asText().startsWith("data:image/"));
                String answer = sawImage ? "The picture shows a red espresso machine on a counter [1]."
                        : "I cannot see any image.";
                var completion = Json.mapper().createObjectNode().put("id", "chatcmpl-vision").put("object", "chat.completion")
                        .put("created", 1767225600L).put("model", "gpt-4o-vision");
                var choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putNull("logprobs");
                choice.putObject("message").put("role", "assistant").put("content", answer);
                completion.putObject("usage").put("prompt_tokens", 850).put("completion_tokens", 14).put("total_tokens", 864);
                byte[] out = completion.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
