package com.aiplatform.local.settings;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the settings every hosted app sees, each layer overriding the one before: the {@code Values}
 * of {@code local.settings.sample.json} at the repository root (the documented local defaults), the
 * process environment (as app settings are in Azure), settings given to the platform, and last the
 * platform's own ({@code AzureWebJobsStorage}, {@code DATA_DIR}), which only it can know.
 */
public final class LocalSettings {

    public static final String SAMPLE_FILE = "local.settings.sample.json";
    public static final String STORAGE = "AzureWebJobsStorage";
    public static final String DATA_DIR = "DATA_DIR";

    private LocalSettings() {
    }

    public static Settings assemble(Path root, Map<String, String> environment, Map<String, String> given,
                                    Map<String, String> platform) {
        Map<String, String> values = new HashMap<>(sampleValues(root.resolve(SAMPLE_FILE)));
        values.putAll(environment);
        values.putAll(given);
        values.putAll(platform);
        return Settings.of(values);
    }

    /** The {@code Values} object of a local.settings.json-style file; empty when the file is absent. */
    static Map<String, String> sampleValues(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            JsonNode values = Json.mapper().readTree(Files.readString(file)).path("Values");
            Map<String, String> result = new HashMap<>();
            values.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    result.put(e.getKey(), e.getValue().asText());
                }
            });
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
