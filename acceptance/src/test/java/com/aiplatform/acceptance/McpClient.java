package com.aiplatform.acceptance;

import com.aiplatform.shared.azurite.Azurite;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP TypeScript SDK client ({@code tools/mcp-client}, installed with {@code npm ci} on first use),
 * run as a Node process on a plan of steps; answers what the client saw, one outcome per step after the
 * connection's (index 0).
 */
final class McpClient {

    private static final Path DIR = Azurite.projectRoot().resolve("tools/mcp-client");

    private McpClient() {
    }

    static JsonNode run(String endpoint, Map<String, String> headers, List<Map<String, Object>> steps) {
        install();
        try {
            Path plan = Files.createTempFile("mcp-plan-", ".json");
            Path err = Files.createTempFile("mcp-stderr-", ".log");
            try {
                Files.write(plan, Api.bytes(Map.of("headers", headers, "steps", steps)));
                Process node = new ProcessBuilder("node", "mcp-session.mjs", endpoint, plan.toString())
                        .directory(DIR.toFile()).redirectError(err.toFile()).start();
                byte[] out = node.getInputStream().readAllBytes();
                if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
                    node.destroyForcibly();
                    throw new AssertionError("The MCP client failed: " + Files.readString(err));
                }
                return Api.JSON.readTree(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(plan);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> list() {
        return Map.of("op", "list");
    }

    static Map<String, Object> call(String tool, Map<String, ?> arguments) {
        return Map.of("op", "call", "name", tool, "arguments", arguments);
    }

    /** A call that asks for progress notifications ({@code onprogress}), waiting up to two minutes between them. */
    static Map<String, Object> callWithProgress(String tool, Map<String, ?> arguments) {
        return Map.of("op", "call", "name", tool, "arguments", arguments, "progress", true, "timeoutMs", 120_000);
    }

    static Map<String, Object> pollUntil(String tool, Map<String, ?> arguments, String field, List<String> values) {
        return Map.of("op", "poll", "name", tool, "arguments", arguments, "field", field, "until", values,
                "timeoutMs", 120_000);
    }

    private static void install() {
        if (installed()) {
            return;
        }
        try (FileChannel lock = FileChannel.open(DIR.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             var ignored = lock.lock()) {
            if (!installed()) {
                Path log = DIR.resolve("npm-install.log");
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (npm.waitFor() != 0 || !installed()) {
                    throw new IllegalStateException("npm ci in " + DIR + " failed (see " + log
                            + "); Node.js 20 and npm must be installed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the MCP client in " + DIR, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean installed() {
        return Files.isRegularFile(DIR.resolve("node_modules/@modelcontextprotocol/sdk/package.json"));
    }
}
