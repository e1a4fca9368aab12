package com.aiplatform.bench.coldstart;

import com.aiplatform.shared.runtime.ClassPreload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The list {@link ClassPreload} reads: the classes an app's first request loads, taken from a training run's
 * {@code -Xlog:class+load} in load order. Listed: a class from a jar of the app's package, and a JDK class the JDK's
 * own archive does not hold. Left out: what the worker's side loads (the harness, the Functions library), classes
 * the JDK's archive serves already, and hidden classes (lambda proxies, lambda forms), which have no name to load.
 */
final class FirstRequestClassList {

    private FirstRequestClassList() {
    }

    /** Where the app's list lives in the source tree, so that the next package carries it in the app's jar. */
    static Path resource(Path root, String app) {
        return root.resolve("functions").resolve(app).resolve("src/main/resources").resolve(ClassPreload.LIST);
    }

    /** The names to list from {@code loadLog}, for the package in {@code appFolder}. */
    static List<String> fromLoadLog(Path loadLog, Path appFolder) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (ClassLoadLog.Loaded loaded : ClassLoadLog.read(loadLog).classes()) {
            if (!loaded.hidden() && (loaded.fromJdkImage() || loaded.fromJarUnder(appFolder))) {
                names.add(loaded.name());
            }
        }
        return new ArrayList<>(names);
    }

    /** Writes the list with a header that says where it came from and how to make it again. */
    static void write(List<String> names, String app, ColdStartRoute route, Path target) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "# The classes " + app + "'s first request (" + route.calls().get(0).method() + " "
                        + route.calls().get(0).path() + ") loads, in load order, on JDK "
                        + System.getProperty("java.vm.version") + ".",
                "# Made by ./platform bench-cold-start --apps " + app + " --write-class-lists after a dependency "
                        + "change; read by ClassPreload."));
        lines.addAll(names);
        Files.createDirectories(target.getParent());
        Files.write(target, lines);
    }
}
