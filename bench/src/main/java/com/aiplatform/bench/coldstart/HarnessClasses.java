package com.aiplatform.bench.coldstart;

import com.aiplatform.local.http.LocalHttpRequest;
import com.aiplatform.local.http.LocalHttpResponse;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * What a cold-start JVM needs besides the app's package: the harness, the local host's request, response and
 * execution context (reused from {@code local}, whose jar would also bring its logback.xml and so change the app's
 * logging), and what the worker has on its own class path and the Maven plugin leaves out of {@code lib/}: the
 * core library ({@code ExecutionContext}, {@code HttpRequestMessage}) and the SPI; and the annotations the harness
 * reads to bind a route parameter ({@code BindingName}). All of it goes into one jar without the Functions jars'
 * signatures, as the worker's own jar is built (shaded, {@code META-INF/*.SF}, {@code *.DSA} and {@code *.RSA} left
 * out): on the published, signed jars the JVM would check their signatures at every start, which the worker does not
 * (research answered about 5 % later for it). One jar of its own, so that nothing else of {@code local} or
 * {@code bench} is on the app's class path (a jar, not a folder: class data sharing refuses a class path with a
 * non-empty directory).
 */
final class HarnessClasses {

    private static final List<Class<?>> CLASSES = List.of(ColdStartHarness.class, HarnessCall.class,
            LocalHttpRequest.class, LocalHttpResponse.class, LocalHttpResponse.Builder.class,
            LocalExecutionContext.class);

    /** A class of each jar the worker carries (core library, SPI) or the harness reads (the annotations). */
    private static final List<Class<?>> WORKER_SIDE = List.of(ExecutionContext.class, FunctionInstanceInjector.class,
            BindingName.class);

    private HarnessClasses() {
    }

    /**
     * Writes the classes (with their anonymous inner classes) and the worker side's to {@code jar}, unless it already
     * holds exactly them (a CDS archive is tied to the size and time of every jar on its class path); returns the
     * class path, which is that jar alone.
     */
    static String writeTo(Path jar) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes)) {
                for (Class<?> type : CLASSES) {
                    copy(type.getName().replace('.', '/'), out);
                    for (int i = 1; copy(type.getName().replace('.', '/') + "$" + i, out); i++) {
                        // anonymous classes are numbered from 1
                    }
                }
                for (Class<?> type : WORKER_SIDE) {
                    copyUnsigned(jarOf(type), out);
                }
            }
            if (!Files.isRegularFile(jar) || !Arrays.equals(Files.readAllBytes(jar), bytes.toByteArray())) {
                Files.write(jar, bytes.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the harness classes to " + jar, e);
        }
        return jar.toString();
    }

    /** The entries of {@code from} but its manifest and signature files, as the worker's shaded jar holds them. */
    private static void copyUnsigned(Path from, JarOutputStream jar) throws IOException {
        try (JarFile source = new JarFile(from.toFile(), false)) {
            for (JarEntry entry : Collections.list(source.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || name.equals(JarFile.MANIFEST_NAME)
                        || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")) {
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(0);
                jar.putNextEntry(copy);
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
    }

    private static boolean copy(String binaryPath, JarOutputStream jar) throws IOException {
        try (InputStream in = HarnessClasses.class.getClassLoader().getResourceAsStream(binaryPath + ".class")) {
            if (in == null) {
                return false;
            }
            JarEntry entry = new JarEntry(binaryPath + ".class");
            entry.setTime(0); // the same bytes every time
            jar.putNextEntry(entry);
            in.transferTo(jar);
            jar.closeEntry();
            return true;
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The jar of " + type + " has no file location", e);
        }
    }
}
