package com.aiplatform.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An app's static AppCDS archive (JDK 17): the classes a training run loaded ({@code -XX:DumpLoadedClassList}),
 * dumped with {@code -Xshare:dump} on the same class path. A dynamic archive ({@code -XX:ArchiveClassesAtExit}) is
 * simpler but crashes this JDK (17.0.15) at exit in {@code adjust_lambda_proxy_class_dictionary}, and so does a
 * static dump of the list's {@code @lambda-proxy} lines: those are left out, so lambdas are still spun at run time.
 * Classes of signed jars (the Azure SDK's) are not archived by the JVM.
 */
final class AppCdsArchive {

    private static final long DUMP_TIMEOUT_SECONDS = 300;

    private AppCdsArchive() {
    }

    /** The JVM option that has the training run write its class list. */
    static String classListOption(Path classList) {
        return "-XX:DumpLoadedClassList=" + classList;
    }

    /** The options that run a JVM on the archive, refusing to start without it rather than running unnoticed. */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
    }

    /** Dumps the archive from the class list; the class path must be the one the archive will run with. */
    static void dump(String java, String classPath, Path classList, Path archive, Path log)
            throws IOException, InterruptedException {
        List<String> classes = Files.readAllLines(classList).stream().filter(line -> !line.startsWith("@lambda-proxy"))
                .toList();
        Path list = classList.resolveSibling(classList.getFileName() + ".nolambda");
        Files.write(list, classes);
        Files.deleteIfExists(archive);
        Process dump = new ProcessBuilder(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive, "-cp", classPath)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!dump.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            dump.destroyForcibly();
        }
        Files.delete(list);
        if (dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("The CDS dump failed (exit " + dump.exitValue() + "); see " + log);
        }
    }
}
