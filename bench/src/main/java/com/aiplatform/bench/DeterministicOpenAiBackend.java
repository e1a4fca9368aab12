package com.aiplatform.bench;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny OpenAI-compatible backend on 127.0.0.1 for the model endpoint's latency benchmark: {@code POST
 * /v1/chat/completions} answers at once, in the real response shape, with a text derived only from the last message
 * (so the same request always gets the same answer) and usage counted as words. It does no work worth measuring,
 * so what a call through the platform adds over a call straight to it is the platform's own cost.
 */
public final class DeterministicOpenAiBackend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong calls = new AtomicLong();

    public DeterministicOpenAiBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the benchmark backend", e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The base URL an OpenAI client (or {@code LLM_BACKENDS}) takes. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public long calls() {
        return calls.get();
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            JsonNode messages = request.path("messages");
            String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText("");
            long prompt = 0;
            for (JsonNode message : messages) {
                prompt += words(message.path("content").asText(""));
            }
            String answer = "The answer to \"" + last + "\" is " + Integer.toHexString(last.hashCode()) + ".";
            long completion = words(answer);
            byte[] body = Json.writeBytes(Map.of(
                    "id", "chatcmpl-bench-" + calls.incrementAndGet(), "object", "chat.completion", "created", 1_764_000_000L,
                    "model", request.path("model").asText("bench-model"),
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", answer))),
                    "usage", Map.of("prompt_tokens", prompt, "completion_tokens", completion,
                            "total_tokens", prompt + completion)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static long words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
