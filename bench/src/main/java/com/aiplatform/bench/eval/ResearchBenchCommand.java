package com.aiplatform.bench.eval;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.invoke.Invocation;
import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./platform bench-research --tasks 100 --subquestions 4}: N research tasks of K sub-questions submitted
 * at once to the local platform as {@code ./platform start} composes it (every app, so research reserves and settles
 * every model call with the platform app's budget API and sends its usage records to the platform's ledger;
 * Azurite in memory, the offline LLM), driven over HTTP only. Prints tasks per minute, how many tasks ended how (none may be lost or stuck), and per step the
 * orchestration overhead: the step function's wall time not spent in the knowledge search or the model call.
 * The wall time is the whole function run as the host timed it (every write included); search and model
 * times are what the step recorded.
 */
@Command(name = "bench-research", mixinStandardHelpOptions = true,
        description = "Research throughput (tasks/minute) and orchestration overhead per step, through the local platform.")
public final class ResearchBenchCommand implements Callable<Integer> {

    private static final String TASK_COMPLETED = "AiPlatform.Research.TaskCompleted";
    private static final Duration LIST_EVERY = Duration.ofSeconds(10);
    private static final List<String> TOPICS = List.of("refunds", "warranty", "shipping", "batteries", "returns",
            "express delivery", "accounts", "privacy");

    @Option(names = "--tasks", defaultValue = "100", description = "Concurrent tasks N. Default: ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--subquestions", defaultValue = "4", description = "Sub-questions per task K. Default: ${DEFAULT-VALUE}.")
    int subquestions;

    @Option(names = "--workers", defaultValue = "8", description = "Queue messages run at once. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--warmup", defaultValue = "20", description = "Tasks run first and not counted, so that the "
            + "figures are of a JVM past its JIT compilation (0: measure from a cold start). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--timeout", defaultValue = "PT20M", description = "Give up waiting after this. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--apps", split = ",", description = "Host only these apps (default: every app, as ./platform start "
            + "does). knowledge,research runs without the platform's budget and ledger, for comparison.")
    Set<String> apps;

    @Option(names = "--set", description = "A setting for the apps, e.g. --set RESEARCH_STEP_TOP_K=3.")
    Map<String, String> settings = new HashMap<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Double> stepRunMillis = new ConcurrentHashMap<>();
    private String[] identity;

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "LLM_PROVIDER", "extractive"));
        values.putAll(settings);
        LocalPlatform.Builder builder = LocalPlatform.builder().inMemory().port(0).queueWorkers(workers).settings(values);
        if (apps != null && !apps.isEmpty()) {
            builder.apps(apps);
        }
        try (RunningPlatform platform = builder.build().start()) {
            System.out.printf("apps %s, budget and ledger: the platform app's, at %s%n",
                    platform.apps().stream().map(app -> app.name()).toList(),
                    platform.settings().get("PLATFORM_API_BASE_URL").orElse("(none: unlimited)"));
            String base = platform.baseUrl();
            identity = BenchIdentity.headers(platform.settings());
            BenchCorpus.ingest(http, base, identity);
            if (warmup > 0) {
                List<String> warm = submit(base, warmup, "warm-up ");
                System.out.printf("warm-up: %d tasks finished, not counted%n", await(platform, base, warm).size());
            }
            System.out.printf("tasks %d x %d sub-questions, %d queue workers, settings %s%n", tasks, subquestions,
                    workers, settings);
            long start = System.nanoTime();
            List<String> ids;
            Map<String, String> finished;
            try (AutoCloseable observing = platform.observeInvocations(this::timeStep)) {
                ids = submit(base, tasks, "");
                finished = await(platform, base, ids);
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            report(base, ids, finished, minutes);
            boolean ledgered = platform.apps().stream().noneMatch(app -> app.name().equals("platform"))
                    || ledger(base, ids, finished);
            storageProbe(platform, ids.get(0));
            return finished.size() == ids.size() && ledgered ? 0 : 1;
        }
    }

    private List<String> submit(String base, int count, String label) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String a = TOPICS.get(i % TOPICS.size());
            String b = TOPICS.get((i / TOPICS.size() + i + 1) % TOPICS.size());
            String question = "What are the rules for " + a + ", and how do they apply to " + b + " (" + label + "case " + i + ")?";
            JsonNode accepted = send("POST", base + "/api/v1/research/tasks",
                    Json.write(Map.of("question", question, "maxSubquestions", subquestions)), 202);
            ids.add(accepted.get("id").asText());
        }
        return ids;
    }

    /** Keeps the duration of each step message's successful run, by task and sub-question. */
    private void timeStep(Invocation run) {
        if (run.succeeded() && run.function().endsWith("researchStep") && run.input() != null) {
            JsonNode message = Json.tree(run.input());
            stepRunMillis.put(message.path("taskId").asText() + "#" + message.path("step").asInt(),
                    run.duration().toNanos() / 1e6);
        }
    }

    /**
     * Waits until every task is finished or the timeout passes; id -> final status. A completed task is known from
     * its {@code TaskCompleted} event; the list (which reads every task row, a load of its own) is read only every
     * ten seconds, for tasks that ended otherwise.
     */
    private Map<String, String> await(RunningPlatform platform, String base, List<String> ids) throws Exception {
        Map<String, String> finished = new ConcurrentHashMap<>();
        Set<String> wanted = Set.copyOf(ids);
        Set<String> terminal = Set.of("completed", "failed", "cancelled", "budget_exceeded");
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextList = System.nanoTime() + LIST_EVERY.toNanos();
        try (AutoCloseable listening = platform.events().subscribe("bench-research-" + UUID.randomUUID(), event -> {
            String id = event.data().path("taskId").asText();
            if (event.type().equals(TASK_COMPLETED) && wanted.contains(id)) {
                finished.put(id, "completed");
            }
        })) {
            while (finished.size() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                if (System.nanoTime() >= nextList) {
                    nextList = System.nanoTime() + LIST_EVERY.toNanos();
                    for (JsonNode task : send("GET", base + "/api/v1/research/tasks", null, 200).get("tasks")) {
                        if (wanted.contains(task.get("id").asText()) && terminal.contains(task.get("status").asText())) {
                            finished.put(task.get("id").asText(), task.get("status").asText());
                        }
                    }
                }
            }
        }
        return finished;
    }

    private void report(String base, List<String> ids, Map<String, String> finished, double minutes)
            throws IOException, InterruptedException {
        List<Double> overhead = new ArrayList<>();
        List<Double> recorded = new ArrayList<>();
        List<Double> queueWait = new ArrayList<>();
        List<Double> search = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> taskSeconds = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        int stuck = 0;
        for (String id : ids) {
            JsonNode task = send("GET", base + "/api/v1/research/tasks/" + id, null, 200);
            outcomes.merge(task.get("status").asText(), 1, Integer::sum);
            if (!finished.containsKey(id)) {
                stuck++;
                continue;
            }
            taskSeconds.add(Duration.between(java.time.Instant.parse(task.get("createdAt").asText()),
                    java.time.Instant.parse(task.get("completedAt").asText())).toMillis() / 1000.0);
            for (JsonNode step : task.get("subQuestions")) {
                JsonNode t = step.get("timings");
                Double run = stepRunMillis.get(id + "#" + (step.get("index").asInt() - 1)); // the view counts from 1
                if (t != null && run != null) {
                    long outside = t.get("searchMs").asLong() + t.get("modelMs").asLong();
                    overhead.add(run - outside);
                    recorded.add((double) (t.get("totalMs").asLong() - outside));
                    queueWait.add(t.get("queueWaitMs").asDouble());
                    search.add(t.get("searchMs").asDouble());
                    total.add(t.get("totalMs").asDouble());
                }
            }
        }
        double[] o = array(overhead);
        System.out.printf("finished %d of %d in %.2f min: %.1f tasks/minute; outcomes %s; lost or stuck %d%n",
                finished.size(), ids.size(), minutes, finished.size() / minutes, outcomes, stuck);
        System.out.printf("task end to end      p50 %.2f s, p95 %.2f s%n", pct(taskSeconds, 50), pct(taskSeconds, 95));
        System.out.printf("steps measured %d%n", o.length);
        System.out.printf("step overhead        p50 %.1f ms, p95 %.1f ms  (step function run minus search and model)%n",
                Percentiles.percentile(o, 50), Percentiles.percentile(o, 95));
        System.out.printf("  of it before the step's result and fan-in writes p50 %.1f ms  (the step's own timings)%n",
                pct(recorded, 50));
        System.out.printf("step total           p50 %.1f ms, p95 %.1f ms%n", pct(total, 50), pct(total, 95));
        System.out.printf("knowledge search     p50 %.1f ms, p95 %.1f ms  (HTTP call to the knowledge app)%n",
                pct(search, 50), pct(search, 95));
        System.out.printf("queue wait per step  p50 %.1f ms, p95 %.1f ms  (sent to started)%n",
                pct(queueWait, 50), pct(queueWait, 95));
    }

    /**
     * The platform's ledger, read through its usage API once the queue of usage records has drained: every completed
     * task must show exactly its model calls there under {@code groupBy=task} (one line per call however often it was
     * sent; a step without passages and a report without findings make none).
     */
    private boolean ledger(String base, List<String> ids, Map<String, String> finished) throws Exception {
        Set<String> completed = new java.util.HashSet<>();
        finished.forEach((id, status) -> {
            if (status.equals("completed")) {
                completed.add(id);
            }
        });
        Map<String, Long> expected = new HashMap<>();
        for (String id : completed) {
            JsonNode task = send("GET", base + "/api/v1/research/tasks/" + id, null, 200);
            long steps = 0;
            for (JsonNode step : task.get("subQuestions")) {
                steps += step.path("generator").asText("none").equals("none") ? 0 : 1;
            }
            String report = task.path("report").path("generator").asText("none");
            expected.put(id, steps + (report.equals("none") ? 0 : 1));
        }
        Map<String, Long> calls = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            calls.clear();
            for (JsonNode group : send("GET", base + "/api/v1/platform/usage?groupBy=task", null, 200).get("groups")) {
                calls.put(group.get("key").asText(), group.get("totals").get("calls").asLong());
            }
            long missing = completed.stream().filter(id -> !calls.getOrDefault(id, 0L).equals(expected.get(id))).count();
            if (missing == 0 || System.nanoTime() > deadline) {
                long lines = ids.stream().mapToLong(id -> calls.getOrDefault(id, 0L)).sum();
                System.out.printf("platform ledger      %d of %d completed tasks with exactly their model calls (%d "
                        + "lines for the measured tasks); other counts %d%n", completed.size() - missing, completed.size(), lines, missing);
                return missing == 0;
            }
            Thread.sleep(500);
        }
    }

    /**
     * One Table storage read of a task row, timed 100 times with the machine as it is now: a step makes about ten
     * such round trips (claim, checkpoints, record, fan-in), which is most of its overhead on Azurite.
     */
    private static void storageProbe(RunningPlatform platform, String taskId) {
        var tables = com.aiplatform.shared.azure.AzureStorageClients.fromSettings(platform.settings()).tableStore();
        String table = platform.settings().get("RESEARCH_TASKS_TABLE").orElse("researchtasks");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            tables.get(table, "local", taskId);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("table read (Azurite) p50 %.1f ms, p95 %.1f ms  (after the run, one at a time)%n",
                pct(millis, 50), pct(millis, 95));
    }

    private static double pct(List<Double> values, int percentile) {
        return Percentiles.percentile(values, percentile);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private JsonNode send(String method, String uri, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).headers(identity)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.tree(response.body());
    }
}
