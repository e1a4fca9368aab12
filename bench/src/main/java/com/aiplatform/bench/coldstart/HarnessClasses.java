package com.aiplatform.bench.coldstart;

import com.aiplatform.local.http.LocalHttpRequest;
import com.aiplatform.local.http.LocalHttpResponse;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cold-start JVM needs besides the app's package: the harness, the local host's request, response and
 * execution context (reused from {@code local}, whose jar would also bring its logback.xml and so change the app's
 * logging), and what the worker has on its own class path and the Maven plugin leaves out of {@code lib/}: the
 * core library ({@code ExecutionContext}, {@code HttpRequestMessage}) and the SPI. The class files are written to a
 * folder, so that nothing else of {@code local} or {@code bench} is on the app's class path.
 */
final class HarnessClasses {

    private static final List<Class<?>> CLASSES = List.of(ColdStartHarness.class, HarnessCall.class,
            LocalHttpRequest.class, LocalHttpResponse.class, LocalHttpResponse.Builder.class,
            LocalExecutionContext.class);

    private HarnessClasses() {
    }

    /** Writes the classes (with their anonymous inner classes) under {@code folder}; returns its class path entries. */
    static String writeTo(Path folder) {
        try {
            for (Class<?> type : CLASSES) {
                copy(type.getName().replace('.', '/'), folder);
                for (int i = 1; copy(type.getName().replace('.', '/') + "$" + i, folder); i++) {
                    // anonymous classes are numbered from 1
                }
            }
            return folder + File.pathSeparator + jarOf(ExecutionContext.class) + File.pathSeparator
                    + jarOf(FunctionInstanceInjector.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the harness classes to " + folder, e);
        }
    }

    private static boolean copy(String binaryPath, Path folder) throws IOException {
        try (InputStream in = HarnessClasses.class.getClassLoader().getResourceAsStream(binaryPath + ".class")) {
            if (in == null) {
                return false;
            }
            Path target = folder.resolve(binaryPath + ".class");
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
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
