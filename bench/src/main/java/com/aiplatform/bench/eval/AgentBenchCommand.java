package com.aiplatform.bench.eval;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./platform bench-agent}: the agent app with the knowledge app on Azurite in memory, driven over
 * HTTP. It seeds the demo shop, then sends messages written from templates (three phrasings per tool,
 * filled with the shop's order numbers and e-mails) and reports turn latency p50/p99, how often the
 * expected tool was chosen, and the throughput of concurrent conversations.
 */
@Command(name = "bench-agent", mixinStandardHelpOptions = true,
        description = "Agent turn latency p50/p99, tool choice, and concurrent throughput over HTTP.")
public final class AgentBenchCommand implements Callable<Integer> {

    private static final String[][] TEMPLATES = {
            {"get_order_status", "Where is my order %ORDER%? Has it shipped yet?"},
            {"get_order_status", "When will parcel %ORDER% arrive?"},
            {"get_order_status", "What is the delivery status of %ORDER%?"},
            {"find_customer_orders", "Which orders has %EMAIL% placed?"},
            {"find_customer_orders", "Can you list everything I bought? My e-mail is %EMAIL%"},
            {"find_customer_orders", "Show the purchases on the account %EMAIL%"},
            {"search_knowledge_base", "How long does a refund take to reach my card?"},
            {"search_knowledge_base", "How long is the warranty on a grinder?"},
            {"search_knowledge_base", "What does express delivery cost?"},
            {"create_ticket", "My order %ORDER% arrived broken, please open a ticket"},
            {"create_ticket", "The kettle I received is damaged and I want this fixed"},
            {"create_ticket", "I got the wrong product in %ORDER%, please sort it out"},
            {"update_ticket", "Please mark ticket TCK-0000AAAA as resolved"},
            {"update_ticket", "Close ticket TCK-0000BBBB, it is solved"},
            {"update_ticket", "Add a note to ticket TCK-0000CCCC: the customer sent photos"},
            {"handover_to_human", "I want to talk to a real person"},
            {"handover_to_human", "This is useless, get me a human manager now"},
            {"handover_to_human", "Can a member of your staff call me back?"}};

    @Option(names = "--turns", defaultValue = "180", description = "Timed sequential turns. Default: ${DEFAULT-VALUE}.")
    int turns;

    @Option(names = "--concurrency", defaultValue = "4", description = "Concurrent conversations. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--set", description = "A setting, e.g. --set ONNX_EMBEDDING_VARIANT=fp32.")
    Map<String, String> settings = new HashMap<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String[] identity;

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("ONNX_EMBEDDING_VARIANT", "int8"));
        values.putAll(settings);
        try (RunningPlatform platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "agent"))
                .settings(values).build().start()) {
            String base = platform.baseUrl() + "/api/v1/agent";
            identity = BenchIdentity.headers(platform.settings());
            post(base + "/admin/seed", null);
            DemoDataset shop = DemoDataset.generate(LocalDate.now(ZoneOffset.UTC));
            for (int i = 0; i < TEMPLATES.length; i++) {
                turn(base, conversation(base), message(shop, i));
            }
            double[] millis = new double[turns];
            int right = 0;
            String conversation = null;
            for (int i = 0; i < turns; i++) {
                if (i % TEMPLATES.length == 0) {
                    conversation = conversation(base);
                }
                long start = System.nanoTime();
                JsonNode reply = turn(base, conversation, message(shop, i));
                millis[i] = (System.nanoTime() - start) / 1e6;
                right += chose(reply, TEMPLATES[i % TEMPLATES.length][0]) ? 1 : 0;
            }
            System.out.printf("sequential: %d turns, p50 %.1f ms, p99 %.1f ms, expected tool chosen %d/%d (%.1f%%)%n",
                    turns, Percentiles.percentile(millis, 50), Percentiles.percentile(millis, 99), right, turns,
                    100.0 * right / turns);
            concurrent(base, shop);
        }
        return 0;
    }

    private void concurrent(String base, DemoDataset shop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        int perThread = Math.max(1, turns / concurrency);
        for (int t = 0; t < concurrency; t++) {
            done.add(pool.submit(() -> {
                String conversation = conversation(base);
                for (int i = 0; i < perThread; i++) {
                    turn(base, conversation, message(shop, i));
                }
                return perThread;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("concurrent: %d conversations, %d turns in %.1f s, %.1f turns/s%n", concurrency, total,
                seconds, total / seconds);
    }

    private static String message(DemoDataset shop, int i) {
        var order = shop.orders().get(i % shop.orders().size());
        return TEMPLATES[i % TEMPLATES.length][1].replace("%ORDER%", order.orderNumber())
                .replace("%EMAIL%", order.customerEmail());
    }

    private static boolean chose(JsonNode reply, String tool) {
        JsonNode calls = reply.path("toolCalls");
        return calls.size() == 1 && calls.get(0).path("name").asText().equals(tool);
    }

    private String conversation(String base) throws IOException, InterruptedException {
        return post(base + "/conversations", null).path("conversationId").asText();
    }

    private JsonNode turn(String base, String conversation, String text) throws IOException, InterruptedException {
        return post(base + "/conversations/" + conversation + "/messages", Map.of("text", text));
    }

    private JsonNode post(String uri, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).headers(identity)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.tree(response.body());
    }
}
