package com.aiplatform.research;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

/**
 * How the Azure Functions Java worker gets instances of our function classes (registered in
 * META-INF/services). The app is composed once, on the first invocation, from the app settings.
 */
public final class ResearchInstanceInjector implements FunctionInstanceInjector {

    private volatile FunctionApp app;

    @Override
    public <T> T getInstance(Class<T> functionClass) {
        FunctionApp current = app;
        if (current == null) {
            synchronized (this) {
                if (app == null) {
                    app = new ResearchAppFactory().create(Settings.fromEnvironment(), HostServices.azure());
                }
                current = app;
            }
        }
        return current.instance(functionClass);
    }
}
