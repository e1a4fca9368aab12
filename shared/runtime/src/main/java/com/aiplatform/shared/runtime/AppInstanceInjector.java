package com.aiplatform.shared.runtime;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.util.List;
import java.util.ServiceLoader;

/**
 * How the Azure Functions Java worker gets instances of our function classes. Each app registers this
 * class in its META-INF/services; a function app's package holds exactly one {@link FunctionAppFactory}
 * (its own), which composes the app once, on the first invocation, from the app settings. The worker makes the
 * injector as it loads the functions, before any invocation: from then on {@link ClassPreload} loads the classes of
 * the first request on a thread of its own.
 */
public final class AppInstanceInjector implements FunctionInstanceInjector {

    private final Settings.Reader preloadSetting;
    private volatile FunctionApp app;

    /** What the worker calls, through {@link java.util.ServiceLoader}. */
    public AppInstanceInjector() {
        this(Settings.fromEnvironment());
    }

    /** {@code settings} is read for {@value ClassPreload#SETTING} only; the app composes from the environment's. */
    AppInstanceInjector(Settings settings) {
        this.preloadSetting = settings.reader();
        if (preloadSetting.bool(ClassPreload.SETTING, true)) {
            ClassPreload.start(AppInstanceInjector.class.getClassLoader());
        }
    }

    @Override
    public <T> T getInstance(Class<T> functionClass) {
        FunctionApp current = app;
        if (current == null) {
            synchronized (this) {
                if (app == null) {
                    preloadSetting.validate(); // a bad CLASS_PRELOAD fails like any other bad setting
                    app = factory(functionClass.getClassLoader()).create(Settings.fromEnvironment(),
                            HostServices.azure());
                }
                current = app;
            }
        }
        return current.instance(functionClass);
    }

    static FunctionAppFactory factory(ClassLoader classLoader) {
        List<FunctionAppFactory> factories = ServiceLoader.load(FunctionAppFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (factories.size() != 1) {
            throw new IllegalStateException("A function app package must hold exactly one FunctionAppFactory, found "
                    + factories.stream().map(FunctionAppFactory::name).toList());
        }
        return factories.get(0);
    }
}
