package com.aiplatform.acceptance;

import com.aiplatform.shared.azurite.Azurite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official openai npm client pinned in {@code tools/openai-node}, installed by the suite on first use with
 * {@code npm ci} (as Azurite is), and its journey script run with Node.js against the platform.
 */
final class OpenAiNode {

    private OpenAiNode() {
    }

    /** Runs {@code journey.mjs} with {@code environment} and returns what it printed (one JSON object). */
    static String journey(Map<String, String> environment) {
        Path dir = install(Azurite.projectRoot().resolve("tools/openai-node"));
        try {
            Path output = Files.createTempFile("openai-node-", ".json");
            Path errors = Files.createTempFile("openai-node-", ".log");
            ProcessBuilder node = new ProcessBuilder("node", "journey.mjs").directory(dir.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            node.environment().putAll(environment);
            Process process = node.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("journey.mjs did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("journey.mjs failed: " + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path install(Path dir) {
        Path module = dir.resolve("node_modules/openai/package.json");
        if (Files.isRegularFile(module)) {
            return dir;
        }
        try (FileChannel lock = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var ignored = lock.lock()) {
            if (!Files.isRegularFile(module)) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
                if (npm.waitFor() != 0 || !Files.isRegularFile(module)) {
                    throw new IllegalStateException("npm ci in " + dir + " failed (see npm-install.log); Node.js 20 "
                            + "and npm must be installed");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
