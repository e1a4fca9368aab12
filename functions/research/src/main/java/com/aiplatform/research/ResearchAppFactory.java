package com.aiplatform.research;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

/** Registered for the local platform, which discovers every app through this SPI. */
public final class ResearchAppFactory implements FunctionAppFactory {

    @Override
    public String name() {
        return ResearchApp.NAME;
    }

    @Override
    public FunctionApp create(Settings settings, HostServices host) {
        return ResearchApp.create(settings, host);
    }
}
