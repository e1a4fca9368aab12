package com.aiplatform.bench.coldstart;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.runtime.ClassPreload;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./platform bench-cold-start [--runs 5] [--apps ...] [--cds] [--compare-preload] [--write-class-lists]
 * [--jvm-option ...] [--skip-apps] [--skip-platform]}: for each app alone, a fresh
 * JVM started as the Functions Java worker starts one, timed to the first answered request of its representative
 * route ({@link ColdStartRoute}), with the heap in use after it; the median of the runs. Then the whole local platform
 * from its start to its first answered request. Storage apps run against one Azurite, started first and timed apart.
 */
@Command(name = "bench-cold-start", mixinStandardHelpOptions = true,
        description = "Cold start per function app (a fresh worker-style JVM to the first answered request) and of "
                + "the whole local platform.")
public final class ColdStartCommand implements Callable<Integer> {

    private static final String NO_SIBLING = "http://127.0.0.1:9";

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per app (the median is printed), after "
            + "one untimed run that creates the app's tables and queues. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--apps", split = ",", description = "Only these apps (default: all six).")
    List<String> apps = ColdStartRoute.APPS;

    @Option(names = "--cds", description = "Also time each app with an AppCDS archive in the form the worker can "
            + "use (bench/target/cold-start/<app>.jsa), dumped from what two untimed training runs loaded; runs with "
            + "and without it take turns.")
    boolean cds;

    @Option(names = "--cds-in-package", description = "With --cds: also copy each app's archive into its staged "
            + "package (functions/<app>/target/azure-functions/<app>/app-cds.jsa), with app-cds.jdk naming the JDK "
            + "build it works on (docs/deploy.md).")
    boolean cdsInPackage;

    /** The archive's file name in a staged package, and the file that names the JDK build it needs. */
    static final String PACKAGED_ARCHIVE = "app-cds.jsa";
    static final String PACKAGED_ARCHIVE_JDK = "app-cds.jdk";

    @Option(names = "--compare-preload", description = "Also time each app with CLASS_PRELOAD=false (no class "
            + "preloading, see ClassPreload); runs with and without it take turns.")
    boolean comparePreload;

    @Option(names = "--write-class-lists", description = "Write each app's first-request class list for "
            + "ClassPreload (functions/<app>/src/main/resources/" + ClassPreload.LIST + ") from an untimed run "
            + "without preloading; package again to ship it.")
    boolean writeClassLists;

    @Option(names = "--jvm-option", description = "A JVM option added to the worker's for every app run, as the "
            + "JAVA_OPTS app setting adds it in Azure (repeatable), e.g. --jvm-option=-XX:+UseSerialGC.")
    List<String> jvmOptions = List.of();

    @Option(names = "--skip-apps", description = "Time only the whole local platform.")
    boolean skipApps;

    @Option(names = "--skip-platform", description = "Do not time the whole local platform.")
    boolean skipPlatform;

    @Option(names = "--platform-runs", defaultValue = "3", description = "Runs of the whole local platform. "
            + "Default: ${DEFAULT-VALUE}.")
    int platformRuns;

    /** The class path of the JVM's own loader: the harness and what the worker carries (HarnessClasses). */
    private String harness;

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", Azurite.projectRoot().toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createDirectories(root.resolve("bench/target/cold-start"));
        System.out.printf("machine: %d cores, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), cds ? "with the apps' CDS archives" : "without CDS archives");
        if (!jvmOptions.isEmpty()) {
            System.out.printf("JVM options added to the worker's: %s%n", String.join(" ", jvmOptions));
        }
        if (!skipApps) {
            measureApps(root, java, work);
        }
        if (!skipPlatform) {
            measurePlatform(root, java);
        }
        return 0;
    }

    private void measureApps(Path root, String java, Path work) throws IOException, InterruptedException {
        harness = HarnessClasses.writeTo(work.resolve("cold-start-harness.jar"));
        List<String> rows = new ArrayList<>();
        long azuriteStart = System.nanoTime();
        try (Azurite azurite = Azurite.startInMemory()) {
            System.out.printf("Azurite (in memory) started in %d ms, not counted in the apps' figures%n",
                    (System.nanoTime() - azuriteStart) / 1_000_000);
            Map<String, String> environment = environment(root, azurite.connectionString());
            for (String app : apps) {
                rows.add(measure(root, app, java, environment, work));
            }
        }
        System.out.printf("%n| app | package MB | first answer ms, median of %d (min-max), CPU | with AppCDS "
                + "| without preloading | heap MB after it | route |%n", runs);
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private String measure(Path root, String app, String java, Map<String, String> environment,
                           Path work) throws IOException, InterruptedException {
        ColdStartRoute route = ColdStartRoute.ALL.get(app);
        if (route == null) {
            throw new IllegalArgumentException("Unknown app " + app + "; known: " + ColdStartRoute.APPS);
        }
        AppPackage appPackage = AppPackage.of(root, app);
        if (!appPackage.exists()) {
            packageApp(root, app);
        }
        String classPath = appPackage.classPath(route.firstFunction());
        Path log = work.resolve(app + ".stderr.log");
        List<String> withArchive = List.of();
        if (cds) {
            Path archive = makeArchive(java, app, classPath, route, appPackage, environment, work, log);
            withArchive = AppCdsArchive.useOptions(archive);
        } else {
            runOnce(java, List.of(), classPath, route, appPackage, environment, log);
        }
        Map<String, String> withoutPreload = new HashMap<>(environment);
        withoutPreload.put(ClassPreload.SETTING, "false");
        if (writeClassLists) {
            writeClassList(root, app, java, classPath, route, appPackage, withoutPreload, work, log);
        }
        // With --cds or --compare-preload the kinds take turns, so that all see the same load on a shared machine.
        List<AppColdStart.Run> plain = new ArrayList<>();
        List<AppColdStart.Run> shared = new ArrayList<>();
        List<AppColdStart.Run> unloaded = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plain.add(runOnce(java, List.of(), classPath, route, appPackage, environment, log));
            if (cds) {
                shared.add(runOnce(java, withArchive, classPath, route, appPackage, environment, log));
            }
            if (comparePreload) {
                unloaded.add(runOnce(java, List.of(), classPath, route, appPackage, withoutPreload, log));
            }
        }
        System.out.printf("%s: %s ms%s%s; answered %s%n", app, millis(plain, false),
                cds ? ", with CDS " + millis(shared, false) + " ms" : "",
                comparePreload ? ", without preloading " + millis(unloaded, false) + " ms" : "", plain.get(0).answers());
        String calls = String.join(" then ", route.calls().stream().map(c -> c.method() + " " + c.path()).toList());
        return String.format("| %s | %.0f | %s | %s | %s | %.0f | %s |", app, appPackage.sizeMb(), summary(plain),
                cds ? summary(shared) : "-", comparePreload ? summary(unloaded) : "-",
                median(plain.stream().map(AppColdStart.Run::heapBytes).sorted().toList()) / 1e6, calls);
    }

    /**
     * Writes the app's first-request class list ({@link FirstRequestClassList}) from a run that does not preload, so
     * that the list holds what the request loads and not what the last list said.
     */
    private void writeClassList(Path root, String app, String java, String classPath, ColdStartRoute route,
                                AppPackage appPackage, Map<String, String> withoutPreload, Path work, Path log)
            throws IOException, InterruptedException {
        Path loadLog = work.resolve(app + ".first-request.log");
        runOnce(java, List.of("-Xlog:class+load=info:file=" + loadLog), classPath, route, appPackage,
                withoutPreload, log);
        List<String> names = FirstRequestClassList.fromLoadLog(loadLog, appPackage.folder());
        Path target = FirstRequestClassList.resource(root, app);
        FirstRequestClassList.write(names, app, route, target);
        System.out.printf("%s: wrote %d classes to %s; package again to ship them%n", app, names.size(),
                root.relativize(target));
    }

    /**
     * Makes the app's archive in the worker's form ({@link AppCdsArchive}): a training run, a dump, a second training
     * run on that archive and the final dump. Made afresh each time. With {@code --cds-in-package} it is copied into
     * the staged package as {@code app-cds.jsa}, for the worker's {@code JAVA_OPTS} (docs/deploy.md).
     */
    private Path makeArchive(String java, String app, String classPath, ColdStartRoute route, AppPackage appPackage,
                             Map<String, String> environment, Path work, Path log)
            throws IOException, InterruptedException {
        Path archive = work.resolve(app + ".jsa");
        Path jdkClasses = work.resolve(app + ".jdk.classlist");
        Path classList = work.resolve(app + ".classlist");
        Path dumpLog = work.resolve(app + ".cds.log");
        List<Path> loadLogs = List.of(work.resolve(app + ".load-1.log"), work.resolve(app + ".load-2.log"));
        runOnce(java, AppCdsArchive.trainingOptions(jdkClasses, loadLogs.get(0)), classPath, route, appPackage,
                environment, log);
        AppCdsArchive.writeClassList(jdkClasses, loadLogs.subList(0, 1), appPackage.folder(), classList);
        AppCdsArchive.dump(java, classList, archive, dumpLog);
        List<String> second = new ArrayList<>(AppCdsArchive.useOptions(archive));
        second.add("-Xlog:class+load=info:file=" + loadLogs.get(1));
        runOnce(java, second, classPath, route, appPackage, environment, log);
        int appClasses = AppCdsArchive.writeClassList(jdkClasses, loadLogs, appPackage.folder(), classList);
        AppCdsArchive.dump(java, classList, archive, dumpLog);
        long skipped = Files.readAllLines(dumpLog).stream().filter(line -> line.contains("Skipping")).count();
        System.out.printf("%s: made %s (%.1f MB; %d of the app's classes listed, %d skipped by the dump, see %s)%n",
                app, archive, Files.size(archive) / 1e6, appClasses, skipped, dumpLog);
        if (cdsInPackage) {
            Path staged = appPackage.folder().resolve(PACKAGED_ARCHIVE);
            Files.copy(archive, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(appPackage.folder().resolve(PACKAGED_ARCHIVE_JDK), System.getProperty("java.vm.version")
                    + "\n");
            System.out.printf("%s: copied into the package as %s (for JDK %s only)%n", app, staged,
                    System.getProperty("java.vm.version"));
        }
        return archive;
    }

    /** Median wall ms (min-max), CPU s median. */
    private static String summary(List<AppColdStart.Run> runs) {
        List<Long> wall = millis(runs, false);
        List<Long> cpu = millis(runs, true);
        return String.format("%d (%d-%d), CPU %.1f s", median(wall), wall.get(0), wall.get(wall.size() - 1),
                median(cpu) / 1000.0);
    }

    private static List<Long> millis(List<AppColdStart.Run> runs, boolean cpu) {
        return runs.stream().map(run -> cpu ? run.cpuMillis() : run.firstAnswerMillis()).sorted().toList();
    }

    private AppColdStart.Run runOnce(String java, List<String> options, String classPath, ColdStartRoute route,
                                     AppPackage appPackage, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<HarnessCall> calls = route.harnessCalls(appPackage, UUID.randomUUID().toString());
        Path data = Files.createTempDirectory("cold-start-data");
        try {
            Map<String, String> env = new HashMap<>(environment);
            env.put("DATA_DIR", data.toString());
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(options);
            return AppColdStart.run(java, all, harness, classPath, calls, env, log);
        } finally {
            deleteTree(data);
        }
    }

    /**
     * The whole platform as the script starts it: with its class data sharing archive when the script has made one
     * ({@link PlatformArchive}), runs with and without it taking turns so that both see the same load.
     */
    private void measurePlatform(Path root, String java) throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        Path archive = PlatformArchive.archive(root);
        boolean shared = Files.isRegularFile(archive);
        List<PlatformColdStart.Run> plain = new ArrayList<>();
        List<PlatformColdStart.Run> withArchive = new ArrayList<>();
        for (int i = 0; i < platformRuns; i++) {
            plain.add(PlatformColdStart.run(java, root, classPath, List.of()));
            if (shared) {
                withArchive.add(PlatformColdStart.run(java, root, classPath, PlatformArchive.useOptions(archive)));
            }
        }
        System.out.printf("%nwhole local platform (./platform start --in-memory to GET /api/v1/knowledge/documents "
                + "through the gateway), median of %d runs:%n", platformRuns);
        printPlatform("without a class data sharing archive", plain);
        if (shared) {
            printPlatform("with the script's archive (" + root.relativize(archive) + ")", withArchive);
        } else {
            System.out.println("  (no " + root.relativize(archive) + ": ./platform start makes it after a build)");
        }
    }

    private static void printPlatform(String label, List<PlatformColdStart.Run> runs) {
        List<Long> millis = runs.stream().map(PlatformColdStart.Run::firstAnswerMillis).sorted().toList();
        List<Long> azurite = runs.stream().flatMapToLong(r -> r.azuriteMillis().stream()).sorted().boxed().toList();
        List<Long> after = runs.stream().filter(r -> r.azuriteMillis().isPresent())
                .map(r -> r.firstAnswerMillis() - r.azuriteMillis().getAsLong()).sorted().toList();
        System.out.printf("  %s: %d ms (%d-%d), of which Azurite's start %s ms; without Azurite %s ms%n", label,
                median(millis), millis.get(0), millis.get(millis.size() - 1),
                azurite.isEmpty() ? "?" : Long.toString(median(azurite)),
                after.isEmpty() ? "?" : Long.toString(median(after)));
    }

    /**
     * The app settings of every cold-start JVM: the documented local defaults (local.settings.sample.json), the
     * Azurite account, and events to the log, because the in-process bus only exists in the local platform. An app
     * that needs a sibling's address to start gets a closed loopback port: the sibling is not running, and no
     * route measured here calls it.
     */
    private static Map<String, String> environment(Path root, String storage) throws IOException {
        Map<String, String> values = new HashMap<>();
        JsonNode sample = Json.mapper().readTree(Files.readString(root.resolve("local.settings.sample.json")));
        sample.path("Values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        values.put("AzureWebJobsStorage", storage);
        values.put("EVENT_PUBLISHER", "log");
        // A package ships MiniLM as the int8 model made at build time (as Bicep sets it for the apps that embed).
        values.put("ONNX_EMBEDDING_VARIANT", "int8");
        values.put("OPT_OUT_TRACKING", "true");
        values.put("KNOWLEDGE_API_BASE_URL", NO_SIBLING);
        values.put("KNOWLEDGE_API_KEY", "cold-start");
        return values;
    }

    /** Packages the app; when its class list is about to be written, without failing on the stale one. */
    private void packageApp(Path root, String app) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Pazure-functions", "-DskipTests"));
        if (writeClassLists) {
            command.add("-Dfunctions.skipClassListCheck=true");
        }
        command.addAll(List.of("package", "-pl", "functions/" + app, "-am"));
        System.out.printf("%s is not packaged: running %s%n", app, String.join(" ", command));
        Process mvn = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        if (mvn.waitFor() != 0) {
            throw new IllegalStateException("Packaging " + app + " failed");
        }
    }

    static long median(List<Long> values) {
        return Math.round(Percentiles.median(values));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
