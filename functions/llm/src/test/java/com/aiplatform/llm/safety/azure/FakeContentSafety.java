package com.aiplatform.llm.safety.azure;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A local Azure AI Content Safety on 127.0.0.1 speaking the GA wire format of {@code text:analyze}: the route and
 * {@code api-version}, the key in {@code Ocp-Apim-Subscription-Key} or a bearer token (401 otherwise, in the
 * service's {@code {"error":{"code","message"}}} shape), at most 10,000 characters of text (400 beyond),
 * {@code categoriesAnalysis} for the requested categories and {@code blocklistsMatch} for the named blocklists. It
 * grades a category by marker words given to it, as the real classifier's severities 0, 2, 4 or 6.
 */
final class FakeContentSafety implements AutoCloseable {

    record Grade(String category, int severity) {
    }

    private final HttpServer server;
    private final String key;
    private final String bearer;
    private final Map<String, Grade> markers = new LinkedHashMap<>();
    private final Map<String, List<String>> blocklists = new LinkedHashMap<>();
    final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> queries = Collections.synchronizedList(new ArrayList<>());

    FakeContentSafety(String key, String bearer) {
        this.key = key;
        this.bearer = bearer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the fake Content Safety", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    FakeContentSafety grade(String marker, String category, int severity) {
        markers.put(marker.toLowerCase(Locale.ROOT), new Grade(category, severity));
        return this;
    }

    FakeContentSafety blocklist(String name, String... items) {
        blocklists.put(name, List.of(items));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")
                    || !exchange.getRequestURI().getPath().equals("/contentsafety/text:analyze")) {
                send(exchange, 404, error("NotFound", "Resource not found"));
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            if (query == null || !query.startsWith("api-version=")) {
                send(exchange, 404, error("NotFound", "The api-version query parameter is missing"));
                return;
            }
            String givenKey = exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key");
            String givenAuth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authorised = key != null ? key.equals(givenKey) : ("Bearer " + bearer).equals(givenAuth);
            if (!authorised) {
                send(exchange, 401, error("401", "Access denied due to invalid subscription key or wrong API endpoint."));
                return;
            }
            JsonNode body = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(body);
            String text = body.path("text").asText("");
            if (text.isEmpty() || text.codePointCount(0, text.length()) > 10_000) {
                send(exchange, 400, error("InvalidRequestBody",
                        "The text is empty or longer than 10000 characters."));
                return;
            }
            send(exchange, 200, Json.write(analyse(body, text.toLowerCase(Locale.ROOT))));
        }
    }

    private Map<String, Object> analyse(JsonNode request, String text) {
        List<Map<String, Object>> matches = new ArrayList<>();
        for (JsonNode name : request.path("blocklistNames")) {
            List<String> items = blocklists.getOrDefault(name.asText(), List.of());
            for (int i = 0; i < items.size(); i++) {
                if (text.contains(items.get(i).toLowerCase(Locale.ROOT))) {
                    matches.add(Map.of("blocklistName", name.asText(), "blocklistItemId", "item-" + i,
                            "blocklistItemText", items.get(i)));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (!matches.isEmpty()) {
            result.put("blocklistsMatch", matches);
        }
        List<String> categories = new ArrayList<>();
        request.path("categories").forEach(c -> categories.add(c.asText()));
        if (categories.isEmpty()) {
            categories.addAll(List.of("Hate", "SelfHarm", "Sexual", "Violence"));
        }
        boolean halted = !matches.isEmpty() && request.path("haltOnBlocklistHit").asBoolean(false);
        result.put("categoriesAnalysis", halted ? List.of() : categories.stream().map(category -> Map.<String, Object>of(
                "category", category, "severity", markers.entrySet().stream()
                        .filter(m -> m.getValue().category().equals(category) && text.contains(m.getKey()))
                        .mapToInt(m -> m.getValue().severity()).max().orElse(0))).toList());
        return result;
    }

    private static String error(String code, String message) {
        return Json.write(Map.of("error", Map.of("code", code, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
