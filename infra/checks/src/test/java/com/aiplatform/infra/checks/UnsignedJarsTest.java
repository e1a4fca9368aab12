package com.aiplatform.infra.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code infra/checks/package/UnsignedJars.java}, the step the azure-functions profile runs on every staged
 * {@code lib/}, run here the same way (the JDK's single-file launcher) on jars signed by the JDK's own jarsigner.
 */
class UnsignedJarsTest {

    private static final Path TOOL = Path.of("package", "UnsignedJars.java");
    private static final Path JDK_BIN = Path.of(System.getProperty("java.home"), "bin");
    private static final String PASSWORD = "test-only";

    @TempDir
    static Path keys;

    @TempDir
    Path lib;

    private record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void makeSigningKey() throws Exception {
        exec(JDK_BIN.resolve("keytool").toString(), "-genkeypair", "-keystore", keys.resolve("keys.p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-alias", "signer", "-keyalg", "EC", "-dname",
                "CN=test", "-validity", "2");
    }

    private static Run exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Run run(Path folder) throws IOException, InterruptedException {
        return exec(JDK_BIN.resolve("java").toString(), TOOL.toString(), folder.toString());
    }

    /** A jar with a main attribute, a section of its own (not a digest) and the given entries (name, then content). */
    private Path jar(String name, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "Sample Library");
        Attributes sealed = new Attributes();
        sealed.put(Attributes.Name.SEALED, "true");
        manifest.getEntries().put("com/example/sealed/", sealed);
        Path jar = lib.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new JarEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void sign(Path jar) throws Exception {
        Run signing = exec(JDK_BIN.resolve("jarsigner").toString(), "-keystore", keys.resolve("keys.p12").toString(),
                "-storepass", PASSWORD, jar.toString(), "signer");
        assertThat(signing.exitCode()).as(signing.output()).isZero();
    }

    private static List<String> names(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    /** Reads every entry with verification on and returns the ones that came with signers. */
    private static List<String> signedEntries(Path jar) throws IOException {
        List<String> signed = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                if (entry.getCodeSigners() != null) {
                    signed.add(entry.getName());
                }
            }
        }
        return signed;
    }

    @Test
    void should_leave_no_signed_class_and_keep_the_rest_of_a_signed_jar() throws Exception {
        Path jar = jar("azure-core-1.0.jar", "com/example/Client.class", "client bytes", "com/example/sealed/A.class",
                "sealed bytes");
        sign(jar);
        assertThat(signedEntries(jar)).contains("com/example/Client.class");
        assertThat(names(jar)).contains("META-INF/SIGNER.SF", "META-INF/SIGNER.EC");

        Run run = run(lib);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("1 jars: 1 unsigned (azure-core-1.0.jar)");
        assertThat(signedEntries(jar)).isEmpty();
        assertThat(names(jar)).doesNotContain("META-INF/SIGNER.SF", "META-INF/SIGNER.EC")
                .contains("com/example/Client.class", "com/example/sealed/A.class");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(new String(file.getInputStream(file.getEntry("com/example/Client.class")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("client bytes");
            Manifest manifest = file.getManifest();
            assertThat(manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_TITLE))
                    .isEqualTo("Sample Library");
            // the digest-only sections jarsigner added are gone; the section that says something else stays
            assertThat(manifest.getEntries()).containsOnlyKeys("com/example/sealed/");
            assertThat(manifest.getAttributes("com/example/sealed/").getValue(Attributes.Name.SEALED))
                    .isEqualTo("true");
        }
    }

    @Test
    void should_keep_the_signature_of_a_jce_provider_and_leave_unsigned_jars_as_they_are() throws Exception {
        Path provider = jar("bcprov-1.0.jar", "META-INF/services/java.security.Provider", "com.example.Provider",
                "com/example/Provider.class", "provider bytes");
        sign(provider);
        Path plain = jar("plain-1.0.jar", "com/example/Plain.class", "plain bytes");
        byte[] plainBefore = Files.readAllBytes(plain);

        Run run = run(lib);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("2 jars: 0 unsigned ()",
                "signature kept on the JCE providers bcprov-1.0.jar");
        assertThat(signedEntries(provider)).contains("com/example/Provider.class");
        assertThat(Files.readAllBytes(plain)).isEqualTo(plainBefore);
    }

    @Test
    void should_refuse_to_run_when_the_folder_is_not_there() throws Exception {
        Run run = run(lib.resolve("missing"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("is not a folder");
    }
}
