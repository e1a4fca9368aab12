package com.aiplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The platform's data folder ({@code DATA_DIR}): a kept folder, so that data survives restarts, or in
 * memory mode a temporary one that is deleted on close.
 */
record DataFolder(Path path, boolean temporary) implements AutoCloseable {

    static DataFolder open(LocalPlatform options, Path root) {
        try {
            if (options.inMemory) {
                return new DataFolder(Files.createTempDirectory("aiplatform-local-"), true);
            }
            Path path = options.dataDir.orElse(root.resolve(".data")).toAbsolutePath();
            Files.createDirectories(path);
            return new DataFolder(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder: " + e.getMessage(), e);
        }
    }

    /** Where Azurite keeps its files. */
    Path azurite() {
        return path.resolve("azurite");
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
