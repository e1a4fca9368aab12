package com.aiplatform.local.badinput;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@link BadInputCorpus}) against the default composition, as {@code ./platform start} runs
 * it (all six apps, the definition gateway, the platform app's real budget and ledger, Azurite on a data folder),
 * through the gateway with subscription keys made through the platform API, once as a platform admin and once as
 * a consumer with no roles. Internal operations are sent as a sibling app sends them, with the function key.
 * No answer is a 5xx; every 4xx is {@code application/problem+json} whose status matches; every status is one
 * the operation declares; no refusal takes a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(1);
    /** Below the development product's 600 calls a minute, so that the corpus tests inputs, not the rate limit. */
    private static final int CALLS_PER_KEY = 500;

    @TempDir
    static Path data;

    private RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Keys> keys = new TreeMap<>();

    @BeforeAll
    void start() {
        // The six apps on the main class path, as ./platform start finds them (the test class path adds a sample app).
        platform = LocalPlatform.builder().port(0).dataDir(data).apps(Set.copyOf(BadInputCorpus.APPS)).build().start();
        keys.put("platform-admin", new Keys("corpus-admin", List.of("admin", "platform-admin")));
        keys.put("no roles", new Keys("corpus-user", List.of()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void should_refuse_every_bad_input_with_a_declared_problem_within_a_second_when_sent_through_the_gateway() {
        List<BadInputCorpus.Op> ops = BadInputCorpus.operations(GatewayDefinition.load());
        assertThat(ops).hasSizeGreaterThanOrEqualTo(48);
        List<String> findings = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        Map<String, Integer> byClass = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        long maxRefusalMs = 0;
        String slowest = "";
        int total = 0;
        for (String identity : keys.keySet()) {
            for (BadInputCorpus.Op op : ops) {
                for (BadInputCorpus.Case c : BadInputCorpus.cases(op)) {
                    Answer answer = send(identity, c);
                    total++;
                    byClass.merge(answer.status == 0 ? "no answer" : answer.status / 100 + "xx", 1, Integer::sum);
                    byStatus.merge(answer.status, 1, Integer::sum);
                    if (answer.status >= 400 && answer.millis > maxRefusalMs) {
                        maxRefusalMs = answer.millis;
                        slowest = describe(identity, c);
                    }
                    if (answer.status >= 200 && answer.status < 300) {
                        accepted.add(answer.status + " " + describe(identity, c));
                    }
                    check(c, answer).ifPresent(problem -> findings.add(describe(identity, c) + ": " + problem));
                }
            }
        }
        System.out.printf("Bad-input corpus: %d requests over %d operations; by class %s; by status %s; "
                        + "slowest refusal %d ms (%s); %d findings%n", total, ops.size(), byClass, byStatus,
                maxRefusalMs, slowest, findings.size());
        findings.stream().limit(200).forEach(f -> System.out.println("  " + f));
        // Accepted is allowed (a lenient missing Content-Type, a delete of what is absent), but worth a look.
        System.out.println("Accepted (2xx), " + accepted.size() + ":");
        accepted.forEach(a -> System.out.println("  " + a));
        assertThat(findings).as("bad inputs answered wrongly").isEmpty();
        assertThat(byClass).doesNotContainKeys("5xx", "no answer").containsKey("4xx");
    }

    @Test
    void should_flag_a_5xx_an_html_page_an_undeclared_status_and_a_slow_refusal_when_checking_answers() {
        var op = new BadInputCorpus.Op("platform", "op", "GET", "/x", List.of(), List.of(), null, List.of(),
                Set.of(200, 400), 1, false);
        var c = new BadInputCorpus.Case(op, "case", "/x", Map.of(), null);
        String problem = "{\"type\":\"urn:x\",\"title\":\"Bad\",\"status\":400}";

        assertThat(check(c, new Answer(400, "application/problem+json", problem, 20))).isEmpty();
        assertThat(check(c, new Answer(500, "application/problem+json", problem.replace("400", "500"), 20))).isPresent();
        assertThat(check(c, new Answer(400, "text/html", "<h1>Bad Message 400</h1>", 20))).isPresent();
        assertThat(check(c, new Answer(404, "application/problem+json", problem.replace("400", "404"), 20))).isPresent();
        assertThat(check(c, new Answer(400, "application/problem+json", problem, 1500))).isPresent();
        assertThat(check(c, new Answer(400, "application/problem+json", "{\"status\":404}", 20))).isPresent();
        assertThat(check(c, new Answer(0, null, "no answer: timed out", 15_000))).isPresent();
    }

    /** What is wrong with an answer, if anything. */
    static Optional<String> check(BadInputCorpus.Case c, Answer answer) {
        if (answer.status == 0 || answer.status >= 500) {
            return Optional.of(answer.status + " " + abbreviate(answer.body));
        }
        if (!c.op().declared().contains(answer.status)) {
            return Optional.of(answer.status + " is not declared (declared " + c.op().declared() + "): "
                    + abbreviate(answer.body));
        }
        if (answer.status >= 400) {
            if (answer.contentType == null || !answer.contentType.startsWith("application/problem+json")) {
                return Optional.of(answer.status + " as " + answer.contentType + ": " + abbreviate(answer.body));
            }
            try {
                JsonNode body = Json.tree(answer.body);
                if (body.path("status").asInt() != answer.status || !body.hasNonNull("title")) {
                    return Optional.of(answer.status + " with a problem naming another status: " + abbreviate(answer.body));
                }
            } catch (IllegalArgumentException e) {
                return Optional.of(answer.status + " with a body that is not JSON: " + abbreviate(answer.body));
            }
            if (answer.millis > REFUSAL_LIMIT.toMillis()) {
                return Optional.of(answer.status + " after " + answer.millis + " ms");
            }
        }
        return Optional.empty();
    }

    private Answer send(String identity, BadInputCorpus.Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + c.target()))
                .timeout(Duration.ofSeconds(15))
                .method(c.op().method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        if (c.op().internal()) {
            // As a sibling app calls it: the function key, and the caller's identity forwarded.
            request.header("x-functions-key", platform.settings().get("PLATFORM_API_KEY").orElseThrow())
                    .header("x-aiplatform-consumer-id", "corpus-app-caller")
                    .header("x-aiplatform-tenant-id", "local")
                    .header("x-aiplatform-roles", "");
        } else if (c.credentials() == BadInputCorpus.Credentials.KEY) {
            request.header("Ocp-Apim-Subscription-Key", keys.get(identity).next());
        } else if (c.credentials() == BadInputCorpus.Credentials.UNKNOWN) {
            request.header("Ocp-Apim-Subscription-Key", "corpus-" + "k".repeat(40));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            return new Answer(0, null, "no answer: " + e, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String describe(String identity, BadInputCorpus.Case c) {
        return "[" + identity + "] " + c.op().id() + " " + c.op().method() + " " + c.op().path() + " — " + c.label();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 240 ? flat.substring(0, 240) + "…" : flat;
    }

    record Answer(int status, String contentType, String body, long millis) {
    }

    /**
     * Keys of one kind of consumer, a fresh consumer (made with the development key) every
     * {@value #CALLS_PER_KEY} calls.
     */
    private final class Keys {
        private final String prefix;
        private final List<String> roles;
        private String key;
        private int used;
        private int made;

        Keys(String prefix, List<String> roles) {
            this.prefix = prefix;
            this.roles = roles;
        }

        String next() {
            if (key == null || used == CALLS_PER_KEY) {
                key = create(prefix + "-" + (++made));
                used = 0;
            }
            used++;
            return key;
        }

        private String create(String consumerId) {
            String body = Json.write(Map.of("consumerId", consumerId, "product", "development", "roles", roles));
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/v1/platform/consumers"))
                    .header("Ocp-Apim-Subscription-Key", platform.developmentKey().orElseThrow())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                return Json.tree(response.body()).get("key").asText();
            } catch (IOException e) {
                throw new IllegalStateException("Creating consumer " + consumerId + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
