package com.aiplatform.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A training run's {@code -Xlog:class+load} file, read by both lists made from it: the AppCDS archive's
 * ({@link AppCdsArchive}) and the preload list ({@link FirstRequestClassList}). One line per class, in load order:
 * {@code [0.290s][info][class,load] com.azure.core.util.Context source: file:/.../lib/azure-core-1.58.1.jar}.
 */
record ClassLoadLog(List<Loaded> classes) {

    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (.+)$");

    /** A loaded class (binary name) and where it came from: {@code file:<jar>}, {@code jrt:/<module>}, and others. */
    record Loaded(String name, String source) {

        /** The file (a jar, or a class path folder) the class was read from, when it was one. */
        Optional<Path> file() {
            return source.startsWith("file:")
                    ? Optional.of(Path.of(source.substring("file:".length())).normalize()) : Optional.empty();
        }

        /** Whether it came from a jar under {@code folder} (an app's staged package). */
        boolean fromJarUnder(Path folder) {
            Path base = folder.toAbsolutePath().normalize();
            return file().map(file -> file.startsWith(base) && file.toString().endsWith(".jar")).orElse(false);
        }

        /** Whether it came from the JDK's modules rather than its archive. */
        boolean fromJdkImage() {
            return source.startsWith("jrt:/");
        }

        /** A hidden class (a lambda proxy or form) has a name no class loader can load. */
        boolean hidden() {
            return name.contains("/");
        }
    }

    static ClassLoadLog read(Path log) throws IOException {
        List<Loaded> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher loaded = LOADED.matcher(line.strip());
            if (loaded.find()) {
                classes.add(new Loaded(loaded.group(1), loaded.group(2)));
            }
        }
        return new ClassLoadLog(List.copyOf(classes));
    }
}
