package com.aiplatform.shared.knowledge.http;

import com.aiplatform.shared.http.LazyHttpClient;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.telemetry.TraceContext;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge app's public HTTP API as a {@link KnowledgeBase}. Calls go straight to the knowledge
 * function app with its function key (never through a client's credentials) and carry the caller's
 * gateway identity (groups included), so the knowledge app applies the same tenant partitioning and the same
 * readers as for any request.
 * A 4xx from knowledge is the caller's request: it comes back as a {@link ProblemException} with the
 * same status; anything else is {@link KnowledgeUnavailableException}. No retries here: the calling
 * step (a queue message, a request) is the one retry layer.
 */
public final class HttpKnowledgeBase implements KnowledgeBase {

    public static final String FUNCTION_KEY_HEADER = "x-functions-key";

    private final HttpClient http;
    private final URI baseUri;
    private final String functionKey;
    private final Duration timeout;

    public HttpKnowledgeBase(HttpClient http, KnowledgeApiSettings settings) {
        this.http = http;
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
        this.baseUri = URI.create(base);
        this.functionKey = settings.functionKey();
        this.timeout = settings.timeout();
    }

    public static HttpKnowledgeBase create(KnowledgeApiSettings settings) {
        return new HttpKnowledgeBase(LazyHttpClient.withConnectTimeout(settings.timeout()), settings);
    }

    @Override
    public List<KnowledgeHit> search(Caller caller, String query, int topK) {
        JsonNode body = post(caller, "api/v1/knowledge/search", Map.of("query", query, "topK", topK));
        List<KnowledgeHit> hits = new ArrayList<>();
        for (JsonNode hit : body.path("results")) {
            hits.add(new KnowledgeHit(hit.path("chunkId").asText(), hit.path("documentId").asText(),
                    hit.path("title").asText(null), hit.path("chunkIndex").asInt(), hit.path("text").asText(),
                    hit.path("score").asDouble(), hit.path("source").asText(null)));
        }
        return hits;
    }

    @Override
    public IngestReceipt ingestText(Caller caller, TextDocument document) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("text", document.text());
        if (document.title() != null) {
            request.put("title", document.title());
        }
        if (document.id() != null) {
            request.put("documentId", document.id());
        }
        if (!document.metadata().isEmpty()) {
            request.put("metadata", document.metadata());
        }
        if (document.readers() != null) {
            request.put("readers", document.readers().tenantWide() ? Map.of("tenantWide", true)
                    : Map.of("groups", document.readers().groups(), "users", document.readers().users()));
        }
        JsonNode body = post(caller, "api/v1/knowledge/documents", request);
        return new IngestReceipt(body.path("documentId").asText(), body.path("version").asLong(),
                body.path("status").asText(), body.path("chunkCount").asInt());
    }

    @Override
    public void delete(Caller caller, String documentId) {
        String path = "api/v1/knowledge/documents/" + URLEncoder.encode(documentId, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request(caller, path).DELETE().build());
        if (response.statusCode() != 404) { // already gone: what a repeated delete finds
            check(response, path);
        }
    }

    private JsonNode post(Caller caller, String path, Object body) {
        HttpRequest.Builder request = request(caller, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        return Json.tree(check(send(request.build()), path).body());
    }

    /** The request with the caller's identity, the function key and the current trace. */
    private HttpRequest.Builder request(Caller caller, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json");
        GatewayHeaders.of(caller).forEach(request::header);
        if (functionKey != null && !functionKey.isBlank()) {
            request.header(FUNCTION_KEY_HEADER, functionKey);
        }
        TraceContext.current().ifPresent(traceparent -> request.header("traceparent", traceparent));
        return request;
    }

    /** The response when it is a success; a 4xx the caller can fix as a problem; anything else as unavailable. */
    private static HttpResponse<String> check(HttpResponse<String> response, String path) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 429) {
            throw new ProblemException(Problem.of(status, "knowledge-refused",
                    "The knowledge base refused the request", detail(response)));
        }
        throw new KnowledgeUnavailableException("The knowledge API answered " + status + " for " + path + ": "
                + detail(response));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KnowledgeUnavailableException("The knowledge API at " + baseUri + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnowledgeUnavailableException("Interrupted while calling the knowledge API", e);
        }
    }

    private static String detail(HttpResponse<String> response) {
        try {
            JsonNode problem = Json.tree(response.body());
            return problem.path("detail").asText(problem.path("title").asText(response.body()));
        } catch (IllegalArgumentException notJson) {
            return response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
        }
    }
}
