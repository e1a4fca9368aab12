package com.aiplatform.bench.coldstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cold start of one app: a fresh JVM started as the Functions Java worker starts one (the worker's default JVM
 * options, the app's packaged jars in a class loader of their own), running {@link ColdStartHarness}; timed from
 * just before the process is created to the line that says the last call was answered.
 */
final class AppColdStart {

    /**
     * The Java worker's default JVM options (its worker.config.json), less {@code -jar}: the worker runs its own jar
     * and loads the app into it with a class loader of its own; here the harness stands in for the worker's jar.
     */
    static final List<String> WORKER_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-noverify", "-Djava.net.preferIPv4Stack=true");

    private static final long TIMEOUT_SECONDS = 120;

    /** How one run went: milliseconds to the last answer, the heap in use then, CPU ms by then, the statuses. */
    record Run(long firstAnswerMillis, long heapBytes, long cpuMillis, List<String> answers) {
    }

    private AppColdStart() {
    }

    static Run run(String java, List<String> extraOptions, String harnessClassPath, String appClassPath,
                   List<HarnessCall> calls, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(WORKER_JVM_OPTIONS);
        command.addAll(extraOptions);
        command.addAll(List.of("-D" + ColdStartHarness.APP_CLASS_PATH + "=" + appClassPath, "-cp", harnessClassPath,
                ColdStartHarness.class.getName()));
        command.addAll(HarnessCall.encode(calls));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> answers = new ArrayList<>();
        List<String> other = new ArrayList<>();
        long answeredAt = 0;
        long heap = -1;
        long cpu = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("answered ")) {
                    answeredAt = System.nanoTime();
                    answers.add(line.substring("answered ".length()));
                } else if (line.startsWith("heap ")) {
                    heap = Long.parseLong(line.substring("heap ".length()).trim());
                } else if (line.startsWith("cpu ")) {
                    cpu = Long.parseLong(line.substring("cpu ".length()).trim());
                } else {
                    other.add(line);
                }
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (answers.size() != calls.size() || heap < 0 || answers.stream().anyMatch(a -> !a.matches(".* [23]\\d\\d"))) {
            throw new IllegalStateException("The cold-start run did not answer every call with 2xx: " + answers
                    + " " + other + "; its stderr is in " + log + ":\n" + tail(log));
        }
        return new Run((answeredAt - start) / 1_000_000, heap, cpu, answers);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
