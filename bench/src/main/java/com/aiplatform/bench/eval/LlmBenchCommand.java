package com.aiplatform.bench.eval;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.bench.DeterministicOpenAiBackend;
import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./platform bench-llm}: the latency the model endpoint adds over calling its backend directly. A
 * deterministic OpenAI-compatible backend ({@link DeterministicOpenAiBackend}) is the pool's one backend
 * ({@code LLM_BACKENDS}); the local platform runs the platform and llm apps as {@code ./platform start --in-memory}
 * composes them, and the development key's product uses the exact cache (its rate limits lifted for the run). The same chat requests are timed one at a time, alternating, straight
 * to the backend and through the gateway and the llm app: each question new (a cache miss: content safety, budget
 * reservation and settlement with the platform app, the pool, the usage record), and one question repeated (a cache
 * hit). Then a repeated-question workload, {@code --workload} requests drawn from {@code --distinct} questions
 * (seeded, Zipf-like), reports the hit ratio. Prints p50 and p99 of each and the machine's load average.
 */
@Command(name = "bench-llm", mixinStandardHelpOptions = true,
        description = "Model endpoint added latency over its backend (p50/p99, cache miss and hit) and the cache hit ratio.")
public final class LlmBenchCommand implements Callable<Integer> {

    private static final String SYSTEM = "You answer questions about orders, deliveries and refunds in one sentence.";

    @Option(names = "--requests", defaultValue = "300", description = "Timed requests per path. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--warmup", defaultValue = "100", description = "Untimed requests per path first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--workload", defaultValue = "500", description = "Requests of the repeated-question workload.")
    int workload;

    @Option(names = "--distinct", defaultValue = "50", description = "Distinct questions in that workload.")
    int distinct;

    @Option(names = "--set", description = "A setting for the apps, e.g. --set LLM_CACHE_ENABLED=false.")
    Map<String, String> settings = new HashMap<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        try (DeterministicOpenAiBackend backend = new DeterministicOpenAiBackend()) {
            Map<String, String> all = new HashMap<>(Map.of(
                    "LLM_BACKENDS", "[{\"name\":\"bench\",\"baseUrl\":\"" + backend.baseUrl()
                            + "\",\"deployment\":\"bench-model\",\"auth\":\"none\"}]",
                    "MODEL_PRICES", "bench-model=0.00015/0.0006,all-minilm-l6-v2=0/0,all-minilm-l6-v2-int8=0/0"));
            all.putAll(settings);
            try (RunningPlatform platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform", "llm"))
                    .gatewayDefinition(unlimitedDevelopment()).settings(all).build().start()) {
                String key = platform.developmentKey().orElseThrow(() -> new IllegalStateException("No development key"));
                String direct = backend.baseUrl() + "/chat/completions";
                String gateway = platform.baseUrl() + "/api/v1/llm/v1/chat/completions";
                System.out.printf("load average before: %s; %d timed requests per path after %d to warm up%n",
                        loadAverage(), requests, warmup);
                for (int i = 0; i < warmup; i++) {
                    send(direct, null, body("warm-up question " + i), null);
                    send(gateway, key, body("warm-up question " + i), "miss");
                    send(gateway, key, body("warm-up question 0"), "hit");
                }
                double[] directMillis = new double[requests];
                double[] missMillis = new double[requests];
                double[] hitMillis = new double[requests];
                String repeated = body("How long do refunds take to reach the card?");
                send(gateway, key, repeated, null);
                for (int i = 0; i < requests; i++) {
                    String fresh = body("Question " + i + ": when does order " + (1000 + i) + " arrive?");
                    directMillis[i] = send(direct, null, fresh, null);
                    missMillis[i] = send(gateway, key, fresh, "miss");
                    hitMillis[i] = send(gateway, key, repeated, "hit");
                }
                print("direct to the backend", directMillis, null);
                print("gateway + llm app, cache miss", missMillis, directMillis);
                print("gateway + llm app, cache hit", hitMillis, directMillis);
                hitRatio(gateway, key);
                System.out.printf("load average after: %s; backend calls %d%n", loadAverage(), backend.calls());
                return 0;
            }
        }
    }

    /**
     * The repository's definition with the development product's rate, quota and token limits out of the run's reach
     * (its 600 calls a minute would refuse the timed calls) and its cache exact: its semantic mode would answer the
     * numbered fresh questions, which differ by a number only, from one another. Everything else as it is.
     */
    private static GatewayDefinition unlimitedDevelopment() {
        GatewayDefinition base = GatewayDefinition.load();
        List<GatewayDefinition.Product> products = base.products().stream().map(p -> !p.id().equals("development") ? p
                : new GatewayDefinition.Product(p.id(), p.displayName(), p.description(), p.apis(),
                        new GatewayDefinition.Limit(Long.MAX_VALUE / 2, 60),
                        new GatewayDefinition.Limit(Long.MAX_VALUE / 2, 86_400),
                        new GatewayDefinition.TokenLimit(Long.MAX_VALUE / 2),
                        new GatewayDefinition.LlmCache("exact", null))).toList();
        return new GatewayDefinition(base.version(), base.identity(), base.cors(), base.apis(), products, base.mcp());
    }

    private void hitRatio(String gateway, String key) throws IOException, InterruptedException {
        Random random = new Random(14);
        int hits = 0;
        for (int i = 0; i < workload; i++) {
            // Zipf-like: question k with weight 1/(k+1), as a few questions are asked far more than the rest.
            int question = (int) Math.floor(Math.pow(distinct + 1, random.nextDouble())) - 1;
            String answer = cacheOf(gateway, key, body("Workload question " + Math.min(question, distinct - 1)
                    + ": what is the return window for electronics?"));
            hits += answer.equals("hit") ? 1 : 0;
        }
        System.out.printf("repeated-question workload: %d requests over %d distinct questions: hit ratio %.3f "
                + "(%d hits; the first ask of each question is necessarily a miss)%n", workload, distinct,
                (double) hits / workload, hits);
    }

    private static String body(String question) {
        return Json.write(Map.of("model", "bench-model", "max_tokens", 64, "messages", List.of(
                Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", question))));
    }

    /** Milliseconds for one call; checks its status and, through the gateway, the cache header expected. */
    private double send(String url, String key, String body, String expectedCache) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        String cache = response.headers().firstValue("x-aiplatform-cache").orElse("");
        if (expectedCache != null && !cache.equals(expectedCache)) {
            throw new IllegalStateException("Expected a cache " + expectedCache + ", got '" + cache + "'");
        }
        return millis;
    }

    private String cacheOf(String url, String key, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("x-aiplatform-cache").orElse("");
    }

    private static void print(String path, double[] millis, double[] direct) {
        double p50 = Percentiles.percentile(millis, 50);
        double p99 = Percentiles.percentile(millis, 99);
        if (direct == null) {
            System.out.printf("%-32s p50 %7.2f ms  p99 %7.2f ms%n", path, p50, p99);
            return;
        }
        System.out.printf("%-32s p50 %7.2f ms  p99 %7.2f ms  added p50 %+7.2f ms  p99 %+7.2f ms%n", path, p50, p99,
                p50 - Percentiles.percentile(direct, 50), p99 - Percentiles.percentile(direct, 99));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
