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

    /** Creates the apps whose name {@code include} accepts; on any failure closes those already created. */
    public List<HostedApp> load(Settings settings, HostServices host, Predicate<String> include) {
        List<FunctionAppFactory> factories = ServiceLoader.load(FunctionAppFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> include.test(f.name()))
                .sorted(Comparator.comparing(FunctionAppFactory::name))
                .toList();
        FunctionReader reader = new FunctionReader(settings);
        List<HostedApp> apps = new ArrayList<>();
        try {
            for (FunctionAppFactory factory : factories) {
                long composeStart = System.nanoTime();
                FunctionApp app = factory.create(settings, host);
                LOG.info("App {} composed in {} ms", app.name(), (System.nanoTime() - composeStart) / 1_000_000);
                try {
                    HostJson hostJson = HostJson.load(app.name(), classLoader).orElseGet(() -> {
                        LOG.info("No {} on the class path: using the Functions host defaults",
                                HostJson.resourcePath(app.name()));
                        return HostJson.defaults();
                    });
                    apps.add(new HostedApp(app, hostJson, reader.read(app)));
                } catch (RuntimeException e) {
                    app.close();
                    throw e;
                }
            }
            return apps;
        } catch (RuntimeException e) {
            apps.forEach(a -> a.app().close());
            throw e;
        }
    }
}
