package com.aiplatform.bench.coldstart;

import com.aiplatform.local.http.LocalHttpRequest;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The main of a cold-start run: a fresh JVM on one app's packaged class path (its {@code lib/} and its jar, plus
 * this class and the local host's request and context types), which gets the function instances as the Java worker
 * does, from the app's {@link FunctionInstanceInjector} found through {@link ServiceLoader}, and invokes the
 * functions of {@link HarnessCall}s in order. It prints one {@code answered} line per call, {@code heap} with the bytes in
 * use after the last and {@code cpu} with the process's CPU milliseconds, then exits: the parent times the process from its start to the last answer.
 * Nothing else may load before the first call; that is what is measured.
 */
public final class ColdStartHarness {

    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No FunctionInstanceInjector on the class path"));
        String previousLocation = null;
        for (HarnessCall call : HarnessCall.decode(args)) {
            HttpResponseMessage response = invoke(injector, call, previousLocation);
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

    private static HttpResponseMessage invoke(FunctionInstanceInjector injector, HarnessCall call, String location)
            throws Exception {
        int dot = call.entryPoint().lastIndexOf('.');
        Class<?> functionClass = Class.forName(call.entryPoint().substring(0, dot));
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
