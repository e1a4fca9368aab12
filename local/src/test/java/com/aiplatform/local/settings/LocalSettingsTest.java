package com.aiplatform.local.settings;

import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSettingsTest {

    @Test
    void should_layer_sample_environment_given_and_platform_settings_in_that_order(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(LocalSettings.SAMPLE_FILE), """
                {"IsEncrypted": false, "Values": {"A": "sample", "B": "sample", "C": "sample", "D": "sample",
                 "AzureWebJobsStorage": "UseDevelopmentStorage=true"}}""");

        Settings settings = LocalSettings.assemble(root, Map.of("B", "env", "C", "env", "D", "env"),
                Map.of("C", "given", "D", "given"), Map.of("D", "platform", "AzureWebJobsStorage", "azurite"));

        assertThat(settings.get("A")).hasValue("sample");
        assertThat(settings.get("B")).hasValue("env");
        assertThat(settings.get("C")).hasValue("given");
        assertThat(settings.get("D")).hasValue("platform");
        assertThat(settings.get("AzureWebJobsStorage")).hasValue("azurite");
    }

    @Test
    void should_work_without_sample_file_when_root_has_none(@TempDir Path root) {
        Settings settings = LocalSettings.assemble(root, Map.of(), Map.of(), Map.of("DATA_DIR", "/data"));

        assertThat(settings.get("DATA_DIR")).hasValue("/data");
        assertThat(settings.get("A")).isEmpty();
    }
}
