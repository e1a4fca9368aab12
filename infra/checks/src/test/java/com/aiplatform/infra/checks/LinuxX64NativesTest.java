package com.aiplatform.infra.checks;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code infra/checks/package/LinuxX64Natives.java}, the check the azure-functions profile runs on every staged
 * {@code lib/}, run here the same way (the JDK's single-file launcher): it fails on ONNX Runtime's jar as published,
 * with every OS and CPU inside, and passes on jars that hold the linux-x64 libraries the strip keeps.
 */
class LinuxX64NativesTest {

    private static final Path CHECK = Path.of("package", "LinuxX64Natives.java");

    @TempDir
    Path dir;

    record Run(int exitCode, String output) {
    }

    private static Run check(Path... targets) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), CHECK.toString()));
        for (Path target : targets) {
            command.add(target.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void should_fail_naming_other_platforms_libraries_when_the_onnxruntime_jar_is_unstripped() throws Exception {
        Path published = Path.of(OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Run run = check(published);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("onnxruntime-", "osx-", "linux-aarch64");
    }

    @Test
    void should_pass_when_every_native_library_is_linux_x64() throws Exception {
        jar("onnxruntime-1.20.0.jar", "ai/onnxruntime/OrtEnvironment.class",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so");
        jar("tokenizers-0.36.0.jar", "native/lib/linux-x86_64/cpu/libtokenizers.so");
        jar("grpc-netty-shaded-1.82.4.jar", "META-INF/native/libio_grpc_netty_shaded_netty_tcnative_linux_x86_64.so",
                "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_x86_64.so");
        jar("jna-5.17.0.jar", "com/sun/jna/linux-x86-64/libjnidispatch.so");

        Run run = check(dir);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("4 jars, 6 native libraries, all linux-x64");
    }

    @Test
    void should_fail_when_a_jar_keeps_another_cpu_or_debug_symbols() throws Exception {
        jar("grpc-netty-shaded-1.82.4.jar",
                "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_aarch_64.so");
        jar("onnxruntime-1.20.0.jar", "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/onnxruntime.pdb");

        Run run = check(dir);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("epoll_aarch_64.so", "onnxruntime.pdb")
                .doesNotContain("linux-x64/libonnxruntime.so");
    }
}
