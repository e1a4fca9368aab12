package com.aiplatform.bench.coldstart;

import com.aiplatform.local.http.LocalHttpRequest;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The main of a cold-start run: a fresh JVM whose class path is what the Java worker's own is (this class, the local
 * host's request and context types, the Functions library and SPI), which loads the app's package (its {@code lib/}
 * jars and its jar, {@value #APP_CLASS_PATH}) with a class loader of its own and gets the function instances from the
 * app's {@link FunctionInstanceInjector} through {@link ServiceLoader}, as the worker does, then invokes the functions
 * of {@link HarnessCall}s in order. It prints one {@code answered} line per call, {@code heap} with the bytes in use
 * after the last and {@code cpu} with the process's CPU milliseconds, then exits: the parent times the process from
 * its start to the last answer. Nothing else may load before the first call; that is what is measured.
 */
public final class ColdStartHarness {

    /** The system property with the app's class path: its {@code lib/} jars and its own jar. */
    static final String APP_CLASS_PATH = "coldstart.app";

    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader app = appLoader(System.getProperty(APP_CLASS_PATH, ""));
        Thread.currentThread().setContextClassLoader(app);
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class, app).findFirst()
                .orElseThrow(() -> new IllegalStateException("No FunctionInstanceInjector in the app's jars"));
        String previousLocation = null;
        for (HarnessCall call : HarnessCall.decode(args)) {
            HttpResponseMessage response = invoke(injector, app, call, previousLocation);
            int status = response.getStatus().value();
            System.out.println("answered " + call.function() + " " + status);
            if (status >= 400) {
                System.out.println("body " + response.getBody());
            }
            previousLocation = response.getHeader("location");
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("heap " + (runtime.totalMemory() - runtime.freeMemory()));
        // CPU time of every thread (JIT and GC included): on a loaded machine it varies far less than the wall time.
        System.out.println("cpu " + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L));
        System.out.flush();
        System.exit(0);
    }

    /**
     * The app's class loader as the Java worker makes it (its {@code EnhancedClassLoaderProvider}, Java 11 and
     * later): a {@link URLClassLoader} over the app's jars whose parent is the JVM's own class path. An entry that
     * ends in {@code /*} stands for the jars of that folder.
     */
    static ClassLoader appLoader(String classPath) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith("/*")) {
                try (Stream<Path> jars = Files.list(Path.of(entry.substring(0, entry.length() - 2)))) {
                    for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            } else if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("No app jars: set -D" + APP_CLASS_PATH);
        }
        return new URLClassLoader(urls.toArray(URL[]::new));
    }

    private static HttpResponseMessage invoke(FunctionInstanceInjector injector, ClassLoader app, HarnessCall call,
                                              String location) throws Exception {
        int dot = call.entryPoint().lastIndexOf('.');
        Class<?> functionClass = Class.forName(call.entryPoint().substring(0, dot), true, app);
        String methodName = call.entryPoint().substring(dot + 1);
        Method method = Arrays.stream(functionClass.getMethods()).filter(m -> m.getName().equals(methodName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No method " + call.entryPoint()));
        Object instance = injector.getInstance(functionClass);
        Parameter[] parameters = method.getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = argument(parameters[i], call, location);
        }
        try {
            return (HttpResponseMessage) method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(call.function() + " threw", e.getCause());
        }
    }

    private static Object argument(Parameter parameter, HarnessCall call, String location) {
        Class<?> type = parameter.getType();
        if (HttpRequestMessage.class.isAssignableFrom(type)) {
            return request(call, location, textBody(parameter.getParameterizedType()));
        }
        if (ExecutionContext.class.isAssignableFrom(type)) {
            return LocalExecutionContext.start(call.function(), null);
        }
        if (parameter.isAnnotationPresent(BindingName.class)) {
            return routeParameter(call, location);
        }
        throw new IllegalArgumentException("Cannot bind parameter " + parameter + " of " + call.function());
    }

    /** The route parameter is the id of what the call before created: the last segment of its Location. */
    private static String routeParameter(HarnessCall call, String location) {
        if (location == null) {
            throw new IllegalArgumentException(call.function() + " needs a route parameter and no call before it "
                    + "answered with a Location");
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static LocalHttpRequest<Optional<?>> request(HarnessCall call, String location, boolean textBody) {
        String pathAndQuery = call.path().contains("{")
                ? call.path().replaceAll("\\{[^}]+}", routeParameter(call, location)) : call.path();
        URI uri = URI.create("http://127.0.0.1:7071" + pathAndQuery);
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        Map<String, String> headers = new HashMap<>(HarnessCall.GATEWAY_IDENTITY);
        if (!call.contentType().isEmpty()) {
            headers.put("content-type", call.contentType());
        }
        Optional<?> body = call.body().isEmpty() ? Optional.empty()
                : textBody ? Optional.of(call.body()) : Optional.of(call.body().getBytes(StandardCharsets.UTF_8));
        return new LocalHttpRequest<>(uri, HttpMethod.value(call.method()), headers, query, body);
    }

    /** Whether the request's body type is {@code Optional<String>} (otherwise {@code Optional<byte[]>}). */
    private static boolean textBody(Type requestType) {
        if (requestType instanceof ParameterizedType request
                && request.getActualTypeArguments()[0] instanceof ParameterizedType optional) {
            return optional.getActualTypeArguments()[0] == String.class;
        }
        return false;
    }
}
