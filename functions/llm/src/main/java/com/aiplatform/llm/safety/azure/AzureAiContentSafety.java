package com.aiplatform.llm.safety.azure;

import com.aiplatform.llm.safety.ContentSafety;
import com.aiplatform.llm.safety.PromptText;
import com.aiplatform.llm.safety.SafetyRefusal;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Azure AI Content Safety's {@code POST {endpoint}/contentsafety/text:analyze} (GA API version 2024-09-01): the
 * prompt's texts, joined, go in pieces of at most 10,000 characters (the API's limit per request); a category whose
 * severity (0, 2, 4, 6) reaches the threshold, or any hit of the named blocklists, refuses the prompt. The key goes
 * in {@code Ocp-Apim-Subscription-Key}, or an Entra ID token (managed identity) as a bearer. A service that cannot
 * be reached or answers an error fails closed: 503, since an unchecked prompt must not reach the model.
 */
public final class AzureAiContentSafety implements ContentSafety {

    public static final String API_VERSION = "2024-09-01";
    /** The most characters (Unicode code points) one {@code text:analyze} request takes. */
    public static final int MAX_TEXT_CODE_POINTS = 10_000;
    private static final List<String> CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");

    /** How a request proves who sends it. */
    public sealed interface Authentication {
        record Key(String key) implements Authentication {
        }

        /** Supplies a current bearer token for the {@code https://cognitiveservices.azure.com/.default} scope. */
        record EntraId(Supplier<String> tokens) implements Authentication {
        }
    }

    private final HttpClient http;
    private final URI analyze;
    private final Authentication authentication;
    private final int severityThreshold;
    private final List<String> blocklistNames;
    private final Duration timeout;

    public AzureAiContentSafety(HttpClient http, String endpoint, Authentication authentication, int severityThreshold,
                                List<String> blocklistNames, Duration timeout) {
        this.http = http;
        String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        this.analyze = URI.create(base + "contentsafety/text:analyze?api-version=" + API_VERSION);
        this.authentication = authentication;
        this.severityThreshold = severityThreshold;
        this.blocklistNames = List.copyOf(blocklistNames);
        this.timeout = timeout;
    }

    @Override
    public Optional<SafetyRefusal> screen(List<PromptText> texts) {
        for (String piece : pieces(texts)) {
            Optional<SafetyRefusal> refusal = verdict(analyze(piece));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private JsonNode analyze(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("categories", CATEGORIES);
        if (!blocklistNames.isEmpty()) {
            body.put("blocklistNames", blocklistNames);
            body.put("haltOnBlocklistHit", true);
        }
        body.put("outputType", "FourSeverityLevels");
        HttpRequest.Builder request = HttpRequest.newBuilder(analyze).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
        if (authentication instanceof Authentication.Key key) {
            request.header("Ocp-Apim-Subscription-Key", key.key());
        } else if (authentication instanceof Authentication.EntraId entra) {
            request.header("Authorization", "Bearer " + entra.tokens().get());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("Azure AI Content Safety cannot be reached, so the prompt was not checked", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while Azure AI Content Safety checked the prompt", e);
        }
        if (response.statusCode() != 200) {
            throw ProblemException.unavailable("Azure AI Content Safety answered " + response.statusCode() + " ("
                    + errorCode(response.body()) + "), so the prompt was not checked", null);
        }
        try {
            return Json.tree(response.body());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unavailable("Azure AI Content Safety answered something that is not JSON", e);
        }
    }

    private Optional<SafetyRefusal> verdict(JsonNode result) {
        JsonNode blocklists = result.path("blocklistsMatch");
        if (blocklists.isArray() && !blocklists.isEmpty()) {
            JsonNode match = blocklists.get(0);
            return Optional.of(new SafetyRefusal("custom_blocklists", null, "The prompt matches an item of the blocklist "
                    + match.path("blocklistName").asText("?")));
        }
        JsonNode worst = null;
        for (JsonNode category : result.path("categoriesAnalysis")) {
            if (category.path("severity").asInt(0) >= severityThreshold
                    && (worst == null || category.path("severity").asInt() > worst.path("severity").asInt())) {
                worst = category;
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        int severity = worst.path("severity").asInt();
        return Optional.of(new SafetyRefusal(category(worst.path("category").asText()), severity(severity),
                "Azure AI Content Safety rates the prompt " + worst.path("category").asText() + " severity " + severity
                        + " (refused from " + severityThreshold + ")"));
    }

    /** {@code SelfHarm} is {@code self_harm}, as Azure OpenAI's {@code content_filter_result} names it. */
    private static String category(String azure) {
        return azure.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String severity(int level) {
        return level >= 6 ? "high" : level >= 4 ? "medium" : level >= 2 ? "low" : "safe";
    }

    /** The texts joined by blank lines, cut into pieces the API accepts, never inside a surrogate pair. */
    static List<String> pieces(List<PromptText> texts) {
        String joined = String.join("\n\n", texts.stream().map(PromptText::text).toList());
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < joined.length()) {
            int end = joined.offsetByCodePoints(start, Math.min(MAX_TEXT_CODE_POINTS,
                    joined.codePointCount(start, joined.length())));
            pieces.add(joined.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static String errorCode(String body) {
        try {
            return Json.tree(body).path("error").path("code").asText("no error code");
        } catch (IllegalArgumentException notJson) {
            return "no error body";
        }
    }
}
