package com.aiplatform.bench.coldstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AppPackageTest {

    @Test
    void should_take_the_entry_point_and_the_jar_from_function_json_when_the_app_is_packaged(@TempDir Path root)
            throws IOException {
        Path folder = Files.createDirectories(root.resolve("functions/demo/target/azure-functions/demo"));
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("host.json"), "{}");
        Files.write(folder.resolve("demo-1.0.jar"), new byte[2_000_000]);
        Files.createDirectories(folder.resolve("demoSearch"));
        Files.writeString(folder.resolve("demoSearch/function.json"),
                "{\"scriptFile\":\"../demo-1.0.jar\",\"entryPoint\":\"com.example.SearchFunctions.search\"}");

        AppPackage app = AppPackage.of(root, "demo");

        assertThat(app.exists()).isTrue();
        assertThat(app.entryPoint("demoSearch")).isEqualTo("com.example.SearchFunctions.search");
        assertThat(app.classPath("demoSearch"))
                .isEqualTo(folder.resolve("lib") + "/*" + File.pathSeparator + folder.resolve("demo-1.0.jar"));
        assertThat(app.sizeMb()).isBetween(2.0, 2.1);
    }

    @Test
    void should_not_count_as_packaged_when_the_staging_folder_is_missing(@TempDir Path root) {
        assertThat(AppPackage.of(root, "demo").exists()).isFalse();
    }
}
