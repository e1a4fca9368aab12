package com.aiplatform.shared.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassDataSharingTest {

    @TempDir
    Path dir;

    /** Prints the health of a JVM started with the options under test: the check's status and detail. */
    public static final class Probe {
        public static void main(String[] args) {
            HealthReport.Dependency result = new HealthService("probe", List.of(ClassDataSharing.check()),
                    Clock.systemUTC()).check().dependencies().get("classDataSharing");
            System.out.println(result.status() + ": " + result.detail());
        }
    }

    private static String probe(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.strip();
    }

    @Test
    void should_be_unavailable_naming_both_builds_when_a_jvm_ignores_the_archive_it_was_given() throws Exception {
        Path archive = dir.resolve("app-cds.jsa");
        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("app-cds.jdk"), "17.0.99+1-LTS\n");

        String report = probe("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");

        assertThat(report).startsWith("unavailable: ").contains("archive " + archive + " is not in use",
                "made by JDK 17.0.99+1-LTS and this JVM is " + System.getProperty("java.vm.version"));
    }

    @Test
    void should_say_the_archive_is_in_use_when_the_jvm_maps_it() throws Exception {
        Path archive = dir.resolve("base.jsa");
        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:dump", "-XX:SharedArchiveFile=" + archive).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dump.log").toFile()).start();
        assertThat(dump.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(Files.readString(dir.resolve("dump.log"))).isZero();

        String report = probe("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");

        assertThat(report).isEqualTo("up: archive " + archive + " in use");
    }

    @Test
    void should_tell_the_default_archive_from_sharing_turned_off() throws Exception {
        assertThat(probe()).isEqualTo("up: the JDK's default archive");
        assertThat(probe("-Xshare:off")).isEqualTo("unavailable: IllegalStateException: class data sharing is off "
                + "(-Xshare:off)");
    }

    @Test
    void should_say_when_an_archive_of_this_build_does_not_match_and_when_nothing_names_its_build() {
        assertThatThrownBy(() -> ClassDataSharing.describe("/a/app-cds.jsa", false, "17.0.15+6",
                Optional.of("17.0.15+6"))).hasMessageContaining("made by this JDK build (17.0.15+6) but does not match");
        assertThatThrownBy(() -> ClassDataSharing.describe("/a/app-cds.jsa", false, "17.0.15+6", Optional.empty()))
                .hasMessageContaining("missing or was made by another JDK build than this JVM's (17.0.15+6)");
    }
}
