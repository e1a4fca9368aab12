package com.aiplatform.shared.azurite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Azurite (the npm package pinned in {@code tools/azurite}) on free loopback ports, started as a
 * child process and stopped by its PID. Installs the package on first use with {@code npm ci}.
 * Data is kept in memory, or under {@code location} when one is given so that it survives restarts.
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's well-known development account key, published in Microsoft's documentation; not a secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Thread exitHook;
    private final int blobPort;
    private final int queuePort;
    private final int tablePort;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort) {
        this.process = process;
        this.blobPort = blobPort;
        this.queuePort = queuePort;
        this.tablePort = tablePort;
        this.exitHook = new Thread(this::stopProcess, "azurite-exit");
        Runtime.getRuntime().addShutdownHook(exitHook); // a JVM that ends without close() leaves no Azurite behind
    }

    /** Starts Azurite with in-memory storage. */
    public static Azurite startInMemory() {
        return start(null);
    }

    /** Starts Azurite; {@code location} null means in memory, otherwise data lives in that folder. */
    public static Azurite start(Path location) {
        Path script = install(projectRoot());
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return launch(script, location);
            } catch (IOException e) {
                last = e; // a port taken between choosing and binding: choose again
            }
        }
        throw new UncheckedIOException("Azurite did not start", last);
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint()
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/" + ACCOUNT + ";";
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + blobPort + "/" + ACCOUNT;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
        stopProcess();
    }

    private void stopProcess() {
        try {
            // SIGINT, not the SIGTERM of destroy(): started with piped output, Azurite exits on SIGTERM (status 1)
            // without saving its metadata, so whatever was written in the last autosave interval (5 s) was lost
            // on a restart on the same folder. On SIGINT it closes its stores, saving them.
            if (!interrupt() || !process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Sends SIGINT where there is a {@code kill} command; false if it could not be sent. */
    private boolean interrupt() throws InterruptedException {
        try {
            return new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException noKill) {
            return false;
        }
    }

    /** The repository root: the {@code platform.root} system property, else the nearest folder up with tools/azurite. */
    public static Path projectRoot() {
        String configured = System.getProperty("platform.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "tools", "azurite"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/azurite/package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find tools/azurite/package.json above " + Path.of("").toAbsolutePath()
                + "; run from inside the repository or set -Dplatform.root");
    }

    /** Installs the pinned Azurite once (guarded by a file lock, since test JVMs run side by side). */
    static Path install(Path root) {
        Path dir = root.resolve("tools/azurite");
        Path script = dir.resolve("node_modules/azurite/dist/src/azurite.js");
        if (Files.isRegularFile(script)) {
            return script;
        }
        try (FileChannel lock = FileChannel.open(dir.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = lock.lock()) {
            if (!Files.isRegularFile(script)) {
                // npm's output goes to a file: on stdout it would corrupt a forked test JVM's channel.
                Path log = dir.resolve("npm-install.log");
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (npm.waitFor() != 0 || !Files.isRegularFile(script)) {
                    throw new IllegalStateException("npm ci in " + dir + " failed (see " + log
                            + "); Node.js 20 and npm must be installed");
                }
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install Azurite in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing Azurite", e);
        }
    }

    private static Azurite launch(Path script, Path location) throws IOException {
        int blob = freePort();
        int queue = freePort();
        int table = freePort();
        List<String> command = new ArrayList<>(List.of("node", script.toString(),
                "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(blob),
                "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(queue),
                "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(table),
                "--disableTelemetry", "--skipApiVersionCheck"));
        if (location == null) {
            command.addAll(List.of("--inMemoryPersistence", "--extentMemoryLimit", "512"));
        } else {
            Files.createDirectories(location);
            command.addAll(List.of("--location", location.toAbsolutePath().toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> awaitListening(process));
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Azurite(process, blob, queue, table);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("Azurite did not report listening on ports " + blob + ", " + queue + ", " + table
                    + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting Azurite", e);
        }
    }

    private static void awaitListening(Process process) {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int listening = 0;
        var output = new StringBuilder();
        try {
            String line;
            while (listening < 3 && (line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("successfully listening")) {
                    listening++;
                }
            }
            if (listening < 3) {
                throw new IllegalStateException("Azurite exited: " + output);
            }
            Thread drain = new Thread(() -> drain(reader), "azurite-output");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // Azurite's output is read so that its pipe never fills and blocks it.
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
