package com.aiplatform.bench.coldstart;

import com.aiplatform.local.http.LocalHttpRequest;
import com.aiplatform.local.http.LocalHttpResponse;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * What a cold-start JVM needs besides the app's package: the harness, the local host's request, response and
 * execution context (reused from {@code local}, whose jar would also bring its logback.xml and so change the app's
 * logging), and what the worker has on its own class path and the Maven plugin leaves out of {@code lib/}: the
 * core library ({@code ExecutionContext}, {@code HttpRequestMessage}) and the SPI; and the annotations the harness
 * reads to bind a route parameter ({@code BindingName}). The class files are written to a
 * jar of their own, so that nothing else of {@code local} or {@code bench} is on the app's class path (a jar, not a
 * folder: class data sharing refuses a class path with a non-empty directory).
 */
final class HarnessClasses {

    private static final List<Class<?>> CLASSES = List.of(ColdStartHarness.class, HarnessCall.class,
            LocalHttpRequest.class, LocalHttpResponse.class, LocalHttpResponse.Builder.class,
            LocalExecutionContext.class);

    private HarnessClasses() {
    }

    /**
     * Writes the classes (with their anonymous inner classes) to {@code jar}, unless it already holds exactly them (a
     * CDS archive is tied to the size and time of every jar on its class path); returns the class path entries.
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
            }
            if (!Files.isRegularFile(jar) || !Arrays.equals(Files.readAllBytes(jar), bytes.toByteArray())) {
                Files.write(jar, bytes.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the harness classes to " + jar, e);
        }
        return jar + File.pathSeparator + jarOf(ExecutionContext.class) + File.pathSeparator
                    + jarOf(FunctionInstanceInjector.class) + File.pathSeparator + jarOf(BindingName.class);
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
