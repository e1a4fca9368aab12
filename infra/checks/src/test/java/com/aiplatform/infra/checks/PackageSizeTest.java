package com.aiplatform.infra.checks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code infra/checks/package/PackageSize.java}, the check the azure-functions profile runs on every staged app,
 * run here the same way (the JDK's single-file launcher) on a folder of known size.
 */
class PackageSizeTest {

    private static final Path CHECK = Path.of("package", "PackageSize.java");

    @TempDir
    Path app;

    private record Run(int exitCode, String output) {
    }

    private Run check(String limitMb) throws IOException, InterruptedException {
        return check(app, limitMb);
    }

    private static Run check(Path folder, String limitMb) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHECK.toString(), folder.toString(), limitMb).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private void stage() throws IOException {
        Files.createDirectories(app.resolve("lib"));
        Files.write(app.resolve("lib/model.jar"), new byte[3 * 1024 * 1024 + 1]);
        Files.write(app.resolve("host.json"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_fail_naming_the_largest_jar_when_the_app_is_over_its_limit() throws Exception {
        stage();

        Run run = check("3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("3.0 MB in 2 files (limit 3 MB): too large", "lib/model.jar");
    }

    @Test
    void should_pass_when_the_app_is_within_its_limit() throws Exception {
        stage();

        Run run = check("4");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("3.0 MB in 2 files (limit 4 MB)");
    }

    @Test
    void should_refuse_to_check_when_the_folder_is_not_there() throws Exception {
        Run run = check(app.resolve("missing"), "150");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("is not a folder");
    }
}
