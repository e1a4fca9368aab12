package com.aiplatform.infra.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of what the infra checks read (functions and shared main sources with their poms, infra/bicep, the
 * gateway definition and policies, workflows, azure.yaml, local.settings.sample.json), to be edited so that
 * code and infra disagree.
 */
final class RepositoryCopy {

    private static final List<String> COPIED = List.of("functions", "shared", "infra/bicep", "infra/gateway",
            "infra/apim", ".github/workflows", "azure.yaml", "local.settings.sample.json");
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".data", "test");

    private final Path root;

    private RepositoryCopy(Path root) {
        this.root = root;
    }

    static RepositoryCopy of(Path source, Path target) {
        try {
            for (String entry : COPIED) {
                Path from = source.resolve(entry);
                if (!Files.exists(from)) {
                    continue;
                }
                try (Stream<Path> paths = Files.walk(from)) {
                    for (Path path : (Iterable<Path>) paths.filter(p -> !skipped(source, p))::iterator) {
                        Path to = target.resolve(source.relativize(path).toString());
                        if (Files.isDirectory(path)) {
                            Files.createDirectories(to);
                        } else {
                            Files.createDirectories(to.getParent());
                            Files.copy(path, to);
                        }
                    }
                }
            }
            return new RepositoryCopy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
    }

    private static boolean skipped(Path source, Path path) {
        for (Path part : source.relativize(path)) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    Path root() {
        return root;
    }

    /** Replaces one exact occurrence; fails if the text is not there, so a scenario cannot silently do nothing. */
    RepositoryCopy replace(String file, String text, String replacement) {
        String content = read(file);
        if (!content.contains(text)) {
            throw new IllegalArgumentException(file + " does not contain: " + text);
        }
        return write(file, content.replace(text, replacement));
    }

    RepositoryCopy write(String file, String content) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
