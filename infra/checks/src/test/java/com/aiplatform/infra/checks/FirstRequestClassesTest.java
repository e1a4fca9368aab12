package com.aiplatform.infra.checks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code infra/checks/package/FirstRequestClasses.java}, the check the azure-functions profile runs on every staged
 * app, run here the same way (the JDK's single-file launcher) on staged folders whose lists resolve or not.
 */
class FirstRequestClassesTest {

    private static final Path CHECK = Path.of("package", "FirstRequestClasses.java");
    private static final String LIST = "META-INF/aiplatform/first-request.classes";

    @TempDir
    Path app;

    private record Run(int exitCode, String output) {
    }

    private Run check() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHECK.toString(), app.toString(), "research").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The app's jar with {@code list} (when not null), and a lib jar with the classes {@code libClasses}. */
    private void stage(String list, List<String> libClasses) throws IOException {
        Files.createDirectories(app.resolve("lib"));
        Map<String, String> appJar = list == null ? Map.of("com/example/Api.class", "")
                : Map.of("com/example/Api.class", "", LIST, list);
        jar(app.resolve("research-0.1.0.jar"), appJar);
        List<String> entries = libClasses.stream().map(n -> n.replace('.', '/') + ".class").toList();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(app.resolve("lib/sdk.jar")))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                zip.closeEntry();
            }
        }
    }

    private static void jar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static List<String> sdkClasses(int count) {
        return IntStream.range(0, count).mapToObj(i -> "com.sdk.Part" + i).toList();
    }

    @Test
    void should_pass_when_every_name_is_in_a_jar_of_the_package_or_the_jdk() throws Exception {
        // jdk.internal.misc.Unsafe is in a package java.base does not export: the check still finds it.
        stage("# header\ncom.example.Api\ncom.sdk.Part0\njava.lang.String\njdk.internal.misc.Unsafe\n",
                sdkClasses(1));

        Run run = check();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("4 of 4 first-request classes resolve");
    }

    @Test
    void should_fail_naming_the_stale_names_and_the_command_when_over_two_percent_are_gone() throws Exception {
        List<String> names = new ArrayList<>(sdkClasses(9));
        names.add("com.sdk.RenamedInTheUpgrade");
        stage(String.join("\n", names), sdkClasses(9));

        Run run = check();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("9 of 10 first-request classes resolve", "com.sdk.RenamedInTheUpgrade",
                "./platform bench-cold-start --apps research --write-class-lists");
    }

    @Test
    void should_pass_with_two_stale_names_in_a_hundred() throws Exception {
        List<String> names = new ArrayList<>(sdkClasses(98));
        names.addAll(List.of("com.sdk.Gone1", "com.sdk.Gone2"));
        stage(String.join("\n", names), sdkClasses(98));

        Run run = check();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("98 of 100 first-request classes resolve");
    }

    @Test
    void should_fail_when_the_package_has_no_list() throws Exception {
        stage(null, sdkClasses(1));

        Run run = check();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("no jar of the package holds a class list at " + LIST);
    }

    @Test
    void should_fail_when_two_jars_hold_a_list() throws Exception {
        stage("com.example.Api\n", sdkClasses(1));
        jar(app.resolve("lib/other-app.jar"), Map.of(LIST, "com.example.Api\n"));

        Run run = check();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("more than one jar holds " + LIST);
    }
}
