package com.aiplatform.bench.coldstart;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A function app as the Azure Functions Maven plugin packages it ({@code functions/<app>/target/azure-functions/<app>}):
 * one folder per function with its {@code function.json}, the app's jar and its {@code lib/}. The worker takes the
 * entry point and the jar from {@code function.json}; so does the cold-start run.
 */
public record AppPackage(String app, Path folder) {

    public static AppPackage of(Path root, String app) {
        return new AppPackage(app, root.resolve("functions").resolve(app).resolve("target/azure-functions").resolve(app));
    }

    public boolean exists() {
        return Files.isDirectory(folder.resolve("lib")) && Files.isRegularFile(folder.resolve("host.json"));
    }

    /** {@code <class>.<method>} of a function, from its {@code function.json}. */
    public String entryPoint(String function) {
        return functionJson(function).path("entryPoint").asText();
    }

    /** The app's jar, which every {@code function.json} names as its {@code scriptFile}. */
    public Path jar(String function) {
        return folder.resolve(function).resolve(functionJson(function).path("scriptFile").asText()).normalize();
    }

    /** The class path the worker gives the app: every jar of {@code lib/}, then the app's own. */
    public String classPath(String function) {
        return folder.resolve("lib") + "/*" + File.pathSeparator + jar(function);
    }

    /** The folder's size in MB (10^6 bytes), what a deployment uploads unzipped. */
    public double sizeMb() {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(AppPackage::size).sum() / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode functionJson(String function) {
        Path file = folder.resolve(function).resolve("function.json");
        try {
            return Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
