package com.aiplatform.bench.eval;

import com.aiplatform.bench.stats.Percentiles;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code ./platform bench-ingest --mb 1,10}: documents of those sizes posted through the gateway of the local
 * platform as {@code ./platform start} composes it (every app, Azurite in memory, the default embedding model), each
 * queued (202) and worked by the knowledge app's queue function. Prints per document the 202's latency, the
 * seconds from the 202 until its status said done (polled every {@value #POLL_MILLIS} ms), its chunks and
 * chunks/s (past {@code --timeout}: the chunks embedded so far, over that time); then the median 202 latency over
 * {@code --samples} more posts of the first size (unchanged content, so their jobs do little).
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Queued ingest through the gateway: chunks/s per document size and the median latency of the 202.")
public final class IngestBenchCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 250;
    private static final String[] WORDS = ("warehouse parcel refund invoice customer delivery region express warranty "
            + "battery contract supplier schedule policy account payment return order ticket agent manager holiday "
            + "storage container harbour ferry island district consignment depot invoice ledger budget audit report "
            + "the a of to in and for with on by within after before every each which that is are was will can may")
            .split(" ");

    @Option(names = "--mb", split = ",", defaultValue = "1,10", description = "Document sizes in MiB. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--samples", defaultValue = "21", description = "Extra posts timed for the median 202 latency.")
    int samples;

    @Option(names = "--timeout", defaultValue = "PT20M", description = "Stop waiting for one document after this and "
            + "report the chunks embedded so far (state not done). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--set", description = "A setting for the apps, e.g. --set ONNX_EMBEDDING_VARIANT=int8.")
    Map<String, String> settings = new HashMap<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        try (RunningPlatform platform = LocalPlatform.builder().inMemory().port(0).settings(settings).build().start()) {
            String key = platform.developmentKey().orElseThrow(() -> new IllegalStateException("No development key"));
            String base = platform.baseUrl();
            System.out.printf("settings %s; sizes in MiB %s%n", settings, sizes);
            System.out.printf("%6s %10s %9s %8s %10s %10s%n", "MiB", "202 ms", "seconds", "chunks", "chunks/s", "state");
            byte[] first = null;
            for (int mib : sizes) {
                byte[] document = text(mib * 1024 * 1024, mib);
                first = first == null ? document : first;
                long start = System.nanoTime();
                String location = post(base, key, "bench-" + mib + "mb", document);
                double acceptedMillis = (System.nanoTime() - start) / 1e6;
                JsonNode status = awaitSettled(base, key, location);
                double seconds = (System.nanoTime() - start) / 1e9 - acceptedMillis / 1e3;
                int chunks = status.path("progress").path("chunksEmbedded").asInt();
                System.out.printf("%6d %10.1f %9.1f %8d %10.1f %10s (%d chunks in all)%n", mib, acceptedMillis, seconds,
                        chunks, chunks / seconds, status.path("state").asText(),
                        status.path("progress").path("chunksTotal").asInt());
            }
            double[] millis = new double[samples];
            String last = null;
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                last = post(base, key, "bench-" + sizes.get(0) + "mb", first);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            if (last == null) {
                return 0;
            }
            awaitSettled(base, key, last);
            System.out.printf("202 latency over %d posts of %d MiB: median %.1f ms, p90 %.1f ms%n", samples,
                    sizes.get(0), Percentiles.percentile(millis, 50), Percentiles.percentile(millis, 90));
            return 0;
        }
    }

    /** Prose-like text of exactly {@code bytes} bytes: seeded, so every run ingests the same document. */
    static byte[] text(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(bytes + 200);
        int sentence = 0;
        while (text.length() < bytes) {
            int words = 8 + random.nextInt(14);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                text.append(w == words - 1 ? ". " : " ");
            }
            if (++sentence % 6 == 0) {
                text.append("Item ").append(sentence).append(".\n\n");
            }
        }
        // ASCII only, so characters are bytes: exactly the size asked for, which may be the gateway's limit.
        return text.substring(0, bytes).getBytes(StandardCharsets.UTF_8);
    }

    private String post(String base, String key, String documentId, byte[] document)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/knowledge/documents?documentId="
                        + documentId + "&title=Bench"))
                .header("Ocp-Apim-Subscription-Key", key).header("Content-Type", "text/plain")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Ingest answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The ingestion's status once it settled, or as it was when the timeout passed. */
    private JsonNode awaitSettled(String base, String key, String location) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + location))
                    .header("Ocp-Apim-Subscription-Key", key).GET().build();
            JsonNode status = Json.tree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            String state = status.path("state").asText();
            if (state.equals("done") || state.equals("rejected") || state.equals("failed")
                    || System.nanoTime() >= deadline) {
                return status;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
