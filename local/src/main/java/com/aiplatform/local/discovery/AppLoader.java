package com.aiplatform.local.discovery;

import com.aiplatform.local.hostjson.HostJson;
import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Finds every {@link FunctionAppFactory} on the class path (ServiceLoader), creates each app with the
 * local settings and host services, and reads its host.json and functions.
 */
public final class AppLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AppLoader.class);

    private final ClassLoader classLoader;

    public AppLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The names of the apps on the class path that {@code include} accepts, without creating them. */
    public List<String> names(Predicate<String> include) {
        return ServiceLoader.load(FunctionAppFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .map(FunctionAppFactory::name)
                .filter(include)
                .sorted()
                .toList();
    }

    /**
     * Creates the apps whose name {@code include} accepts, each on a thread of its own (an app's composition waits
     * on storage and class loading, and the apps share nothing while they compose), and returns them by name. On
     * any failure it waits for the others and closes those that were created.
     */
    public List<HostedApp> load(Settings settings, HostServices host, Predicate<String> include) {
        List<FunctionAppFactory> factories = ServiceLoader.load(FunctionAppFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> include.test(f.name()))
                .sorted(Comparator.comparing(FunctionAppFactory::name))
                .toList();
        FunctionReader reader = new FunctionReader(settings);
        ExecutorService composing = Executors.newFixedThreadPool(Math.max(1, factories.size()), runnable -> {
            Thread thread = new Thread(runnable, "compose");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HostedApp>> created = factories.stream()
                    .map(factory -> composing.submit(() -> compose(factory, settings, host, reader)))
                    .toList();
            List<HostedApp> apps = new ArrayList<>();
            Throwable failure = null;
            for (Future<HostedApp> app : created) {
                try {
                    apps.add(app.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? new IllegalStateException("Interrupted composing the apps", e)
                            : failure;
                }
            }
            if (failure != null) {
                apps.forEach(a -> a.app().close());
                throw rethrown(failure);
            }
            return apps;
        } finally {
            composing.shutdown();
        }
    }

    private HostedApp compose(FunctionAppFactory factory, Settings settings, HostServices host, FunctionReader reader) {
        long composeStart = System.nanoTime();
        FunctionApp app = factory.create(settings, host);
        LOG.info("App {} composed in {} ms", app.name(), (System.nanoTime() - composeStart) / 1_000_000);
        try {
            HostJson hostJson = HostJson.load(app.name(), classLoader).orElseGet(() -> {
                LOG.info("No {} on the class path: using the Functions host defaults",
                        HostJson.resourcePath(app.name()));
                return HostJson.defaults();
            });
            return new HostedApp(app, hostJson, reader.read(app));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** What an app's composition threw, as it threw it (an Error stays an Error, for the caller to stop Azurite). */
    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
