package com.aiplatform.local.discovery;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.settings.Settings;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an app's functions from the same annotations that azure-functions-maven-plugin turns into
 * function.json: {@code @FunctionName} methods and their trigger, {@code ExecutionContext} and
 * {@code @BindingName} parameters. A parameter the local platform cannot bind fails at start-up.
 */
public final class FunctionReader {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionReader.class);

    private final Settings settings;

    public FunctionReader(Settings settings) {
        this.settings = settings;
    }

    /** The app's enabled functions, skipping those disabled with {@code AzureWebJobs.<name>.Disabled=true}. */
    public List<FunctionDefinition> read(FunctionApp app) {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (Class<?> type : app.functionClasses()) {
            Object instance = app.instance(type);
            Arrays.stream(type.getMethods())
                    .filter(m -> m.isAnnotationPresent(FunctionName.class))
                    .sorted(Comparator.comparing(Method::getName))
                    .map(m -> describe(app.name(), instance, m))
                    .filter(this::enabled)
                    .forEach(functions::add);
        }
        return functions;
    }

    private boolean enabled(FunctionDefinition function) {
        boolean disabled = settings.get("AzureWebJobs." + function.name() + ".Disabled")
                .map(Boolean::parseBoolean).orElse(false);
        if (disabled) {
            LOG.info("Function {} is disabled by AzureWebJobs.{}.Disabled", function.qualifiedName(), function.name());
        }
        return !disabled;
    }

    private FunctionDefinition describe(String appName, Object instance, Method method) {
        String name = method.getAnnotation(FunctionName.class).value();
        String where = appName + "/" + name + " (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        TriggerBinding trigger = null;
        List<ParameterSource> sources = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            Optional<TriggerBinding> found = trigger(parameter, name, where);
            if (found.isPresent()) {
                if (trigger != null) {
                    throw new IllegalStateException(where + " has more than one trigger");
                }
                trigger = found.get();
                sources.add(new ParameterSource.TriggerValue(parameter.getParameterizedType()));
            } else if (ExecutionContext.class.equals(parameter.getType())) {
                sources.add(new ParameterSource.Context());
            } else if (parameter.isAnnotationPresent(BindingName.class)) {
                sources.add(new ParameterSource.BindingValue(parameter.getAnnotation(BindingName.class).value(),
                        parameter.getParameterizedType()));
            } else {
                throw new IllegalStateException(where + ": parameter '" + parameter.getName() + "' is neither a trigger,"
                        + " an ExecutionContext nor a @BindingName; the local platform binds nothing else");
            }
        }
        if (trigger == null) {
            throw new IllegalStateException(where + " has no @HttpTrigger, @QueueTrigger or @EventGridTrigger");
        }
        return new FunctionDefinition(appName, name, instance, method, trigger, sources);
    }

    private Optional<TriggerBinding> trigger(Parameter parameter, String functionName, String where) {
        HttpTrigger http = parameter.getAnnotation(HttpTrigger.class);
        if (http != null) {
            return Optional.of(http(http, parameter, functionName, where));
        }
        QueueTrigger queue = parameter.getAnnotation(QueueTrigger.class);
        if (queue != null) {
            String connection = queue.connection().isBlank() ? "AzureWebJobsStorage" : queue.connection();
            return Optional.of(new QueueBinding(SettingReferences.resolve(queue.queueName(), settings, where), connection));
        }
        if (parameter.isAnnotationPresent(EventGridTrigger.class)) {
            return Optional.of(new EventGridBinding());
        }
        return Optional.empty();
    }

    private static HttpBinding http(HttpTrigger http, Parameter parameter, String functionName, String where) {
        if (!HttpRequestMessage.class.equals(parameter.getType())) {
            throw new IllegalStateException(where + ": an @HttpTrigger parameter must be an HttpRequestMessage");
        }
        Type body = typeArgument(parameter.getParameterizedType()).orElse(String.class);
        boolean optional = false;
        if (body instanceof ParameterizedType p && Optional.class.equals(p.getRawType())) {
            optional = true;
            body = p.getActualTypeArguments()[0];
        }
        Class<?> bodyType = body instanceof Class<?> c ? c : String.class;
        if ("binary".equalsIgnoreCase(http.dataType())) {
            bodyType = byte[].class;
        }
        String route = http.route().isBlank() ? functionName : http.route();
        return new HttpBinding(route, Set.of(http.methods()), http.authLevel(), bodyType, optional);
    }

    private static Optional<Type> typeArgument(Type type) {
        return type instanceof ParameterizedType p ? Optional.of(p.getActualTypeArguments()[0]) : Optional.empty();
    }
}
