package com.aiplatform.bench.coldstart;

import com.aiplatform.shared.azurite.Azurite;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./platform platform-archive}: the local platform's AppCDS archive, which {@code ./platform} makes after each
 * build and starts every JVM with. A training run ({@code start --in-memory} to its first answered request through
 * the gateway) writes the classes it loaded; they are dumped into {@code bench/target/platform.jsa} for the script's
 * class path, so the next start maps them instead of reading, parsing and verifying each again. The JVM checks the
 * archive against the JDK and every jar of the class path (size and time) and ignores one that no longer matches
 * ({@code -Xshare:auto}): a stale archive costs its benefit, never a start.
 */
@Command(name = "platform-archive", mixinStandardHelpOptions = true,
        description = "Make the local platform's class data sharing archive (bench/target/platform.jsa) from a "
                + "training start; ./platform does it after each build.")
public final class PlatformArchive implements Callable<Integer> {

    static Path archive(Path root) {
        return root.resolve("bench/target/platform.jsa");
    }

    /** The options that start a JVM on the archive, going on without it when it does not match. */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", Azurite.projectRoot().toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Path target = Files.createDirectories(root.resolve("bench/target"));
        Path classList = target.resolve("platform.classlist");
        Path made = target.resolve("platform.jsa.new");
        long start = System.nanoTime();
        try {
            PlatformColdStart.run(java, root, classPath, List.of("-XX:DumpLoadedClassList=" + classList));
            dump(java, classPath, classList, made, target.resolve("platform-archive.log"));
            Files.move(made, archive(root), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(classList);
            Files.deleteIfExists(made);
        }
        System.err.printf("Made %s (%.0f MB) in %.1f s%n", root.relativize(archive(root)),
                Files.size(archive(root)) / 1e6, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * A static dump for the script's own class path (the local platform is one JVM on the app class path, unlike
     * the worker: {@link AppCdsArchive}). The list's {@code @lambda-proxy} lines are left out: their dump crashes
     * JDK 17.0.15 in {@code adjust_lambda_proxy_class_dictionary}.
     */
    private static void dump(String java, String classPath, Path classList, Path archive, Path log)
            throws IOException, InterruptedException {
        List<String> classes = Files.readAllLines(classList).stream().filter(line -> !line.startsWith("@lambda-proxy"))
                .toList();
        Path list = classList.resolveSibling(classList.getFileName() + ".nolambda");
        Files.write(list, classes);
        try {
            AppCdsArchive.runDump(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + archive, "-cp", classPath), archive, log);
        } finally {
            Files.delete(list);
        }
    }
}
