package com.aiplatform.assistant.extraction.tesseract;

import com.aiplatform.assistant.extraction.OcrEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tesseract through its command line ({@code tesseract stdin stdout}): the image goes in on standard
 * input and the text comes back on standard output, so no file is written. Whether it is installed is
 * found out on first use by running {@code tesseract --version}. One thread per run
 * ({@code OMP_THREAD_LIMIT=1}), because the app runs several extractions at once on few cores.
 */
public final class TesseractOcrEngine implements OcrEngine {

    private final String command;
    private final Duration timeout;
    private volatile String version;

    public TesseractOcrEngine(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public boolean available() {
        if (version == null) {
            try {
                String output = new String(run(List.of(command, "--version"), new byte[0]), StandardCharsets.UTF_8);
                version = output.lines().findFirst().orElse("tesseract").strip();
            } catch (OcrFailedException e) {
                version = "";
            }
        }
        return !version.isEmpty();
    }

    @Override
    public String name() {
        return available() ? version : "tesseract (not installed)";
    }

    @Override
    public String recognise(byte[] image) {
        byte[] out = run(List.of(command, "stdin", "stdout", "--psm", "3"), image);
        return new String(out, StandardCharsets.UTF_8).replace("\f", "").strip();
    }

    private byte[] run(List<String> arguments, byte[] input) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(arguments).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new OcrFailedException(command + " cannot be started: " + e.getMessage(), e);
        }
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(process.getOutputStream(), input));
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OcrFailedException(command + " took longer than " + timeout, null);
            }
            byte[] output = reader.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            writer.cancel(true);
            if (process.exitValue() != 0) {
                throw new OcrFailedException(command + " exited with " + process.exitValue(), null);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrFailedException("Interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OcrFailedException(command + " output could not be read", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void write(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The process may exit before reading everything (a refused format); its exit code says why.
        }
    }

    private static byte[] readAll(InputStream stdout) {
        try (stdout) {
            return stdout.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
