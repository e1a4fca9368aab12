package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Azure OpenAI's v1 REST API on 127.0.0.1: {@code POST .../chat/completions} and
 * {@code POST .../embeddings} answer in the real response shape. It records every request, plays scripted
 * replies first (errors, tool calls, a hang), and otherwise answers like a small, slightly careless model:
 * it quotes the first sentence of the first source with its {@code [n]}, and also cites a {@code [99]} that
 * names no source, as real models sometimes do.
 */
public final class FakeAzureOpenAi implements AutoCloseable {

    /** One request as the server saw it; header names are case-insensitive. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted reply; {@code hang} holds it until the server closes. */
    public record Reply(int status, Map<String, String> headers, String body, boolean hang) {
    }

    private static final Pattern SOURCE_BLOCK = Pattern.compile("\\n\\n\\[(\\d+)] [^\\n]*\\n([^\\n]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> scripted = new ConcurrentLinkedDeque<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();

    private FakeAzureOpenAi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the fake Azure OpenAI", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeAzureOpenAi start() {
        return new FakeAzureOpenAi();
    }

    /** What {@code AZURE_OPENAI_ENDPOINT} would hold. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public Recorded lastRequest() {
        List<Recorded> all = requests();
        return all.get(all.size() - 1);
    }

    public FakeAzureOpenAi reply(int status, String body, Map<String, String> headers) {
        scripted.add(new Reply(status, headers, body, false));
        return this;
    }

    public FakeAzureOpenAi throttle(String retryAfter) {
        return reply(429, error("429", "Requests to the ChatCompletions_Create Operation have exceeded the rate "
                + "limit. Please retry after " + retryAfter + " seconds."), Map.of("retry-after", retryAfter));
    }

    public FakeAzureOpenAi serverError() {
        return reply(500, error("InternalServerError", "The server had an error while processing your request."),
                Map.of());
    }

    public FakeAzureOpenAi badRequest(String code, String message) {
        return reply(400, error(code, message), Map.of());
    }

    public FakeAzureOpenAi hang() {
        scripted.add(new Reply(200, Map.of(), "{}", true));
        return this;
    }

    /** A completion in which the model calls one function. */
    public FakeAzureOpenAi toolCall(String id, String name, String argumentsJson) {
        ObjectNode completion = completion("gpt-4o-mini", null, "tool_calls", 40, 12);
        ObjectNode message = (ObjectNode) completion.path("choices").get(0).path("message");
        ObjectNode call = message.putArray("tool_calls").addObject();
        call.put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", argumentsJson);
        return reply(200, completion.toString(), Map.of());
    }

    /** An embeddings reply with one vector of {@code dimensions} values, whatever was asked. */
    public FakeAzureOpenAi embeddingsOfSize(int dimensions) {
        ObjectNode request = Json.mapper().createObjectNode().put("input", "x").put("dimensions", dimensions);
        return reply(200, embeddings(request).toString(), Map.of());
    }

    public static String error(String code, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(raw);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), headers,
                    body));
            Reply reply = scripted.poll();
            if (reply == null) {
                reply = defaultReply(path, body);
            }
            if (reply.hang()) {
                awaitClose();
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("content-type", "application/json");
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private void awaitClose() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply defaultReply(String path, JsonNode body) {
        if (path.endsWith("/chat/completions")) {
            return new Reply(200, Map.of(), chat(body).toString(), false);
        }
        if (path.endsWith("/embeddings")) {
            return new Reply(200, Map.of(), embeddings(body).toString(), false);
        }
        return new Reply(404, Map.of(), error("404", "Resource not found"), false);
    }

    private ObjectNode chat(JsonNode request) {
        String answer = "I have no sources to answer from.";
        int promptChars = 0;
        for (JsonNode message : request.path("messages")) {
            String content = message.path("content").asText("");
            promptChars += content.length();
            Matcher source = SOURCE_BLOCK.matcher(content);
            if ("system".equals(message.path("role").asText()) && source.find()) {
                String text = source.group(2);
                int end = text.indexOf(". ");
                answer = (end < 0 ? text : text.substring(0, end + 1)) + " [" + source.group(1) + "] See also [99].";
            }
        }
        return completion(request.path("model").asText(), answer, "stop", Math.max(1, promptChars / 4),
                Math.max(1, answer.length() / 4));
    }

    private ObjectNode completion(String model, String content, String finishReason, int promptTokens,
                                  int completionTokens) {
        ObjectNode completion = Json.mapper().createObjectNode();
        completion.put("id", "chatcmpl-fake-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", 1767225600L)
                .put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finishReason).putNull("logprobs");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        completion.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return completion;
    }

    /** Deterministic vectors, not normalised, listed in reverse order so that clients must sort by index. */
    private static ObjectNode embeddings(JsonNode request) {
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(text -> texts.add(text.asText()));
        } else {
            texts.add(input.asText());
        }
        int dimensions = request.path("dimensions").asInt(1536);
        ObjectNode response = Json.mapper().createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        for (int i = texts.size() - 1; i >= 0; i--) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            int seed = texts.get(i).hashCode();
            for (int d = 0; d < dimensions; d++) {
                vector.add(2.0 * Math.sin(seed + d));
            }
            tokens += texts.get(i).split("\\s+").length;
        }
        response.put("model", request.path("model").asText());
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return response;
    }
}
