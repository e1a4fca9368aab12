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
 * (its own), which composes the app once, on the first invocation, from the app settings.
 */
public final class AppInstanceInjector implements FunctionInstanceInjector {

    private volatile FunctionApp app;

    @Override
    public <T> T getInstance(Class<T> functionClass) {
        FunctionApp current = app;
        if (current == null) {
            synchronized (this) {
                if (app == null) {
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
