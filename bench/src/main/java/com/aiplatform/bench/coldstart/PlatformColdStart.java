package com.aiplatform.bench.coldstart;

import com.aiplatform.local.FreePort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start of the whole local platform: {@code ./platform start --in-memory} in a fresh JVM (the script's own
 * JVM options and class path, without its build check), timed from just before the process is created to the first
 * answered request through the gateway ({@code GET /api/v1/knowledge/documents} with the development key it prints).
 * Azurite's own start, which the platform logs, is reported beside it.
 */
final class PlatformColdStart {

    private static final Pattern KEY = Pattern.compile("export AIP_KEY=(\\S+)");
    private static final Pattern AZURITE = Pattern.compile("Azurite started in (\\d+) ms");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    record Run(long firstAnswerMillis, OptionalLong azuriteMillis) {
    }

    private PlatformColdStart() {
    }

    /** A run with the script's JVM options and {@code options} (its class data sharing archive, or none). */
    static Run run(String java, Path root, String classPath, List<String> options)
            throws IOException, InterruptedException {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseParallelGC"));
        command.addAll(options);
        command.addAll(List.of("-Dplatform.root=" + root, "-cp", classPath, "com.aiplatform.bench.cli.PlatformCli",
                "start", "--in-memory", "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            OptionalLong azurite = OptionalLong.empty();
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher azuriteLine = AZURITE.matcher(line);
                if (azuriteLine.find()) {
                    azurite = OptionalLong.of(Long.parseLong(azuriteLine.group(1)));
                }
                Matcher key = KEY.matcher(line);
                if (key.find()) {
                    int status = firstRequest(port, key.group(1));
                    long answered = System.nanoTime();
                    if (status != 200) {
                        throw new IllegalStateException("The platform's first request answered " + status);
                    }
                    return new Run((answered - start) / 1_000_000, azurite);
                }
            }
            throw new IllegalStateException("The platform exited before it printed its key:\n" + seen);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int firstRequest(int port, String key) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/knowledge/documents"))
                .header("Ocp-Apim-Subscription-Key", key).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
