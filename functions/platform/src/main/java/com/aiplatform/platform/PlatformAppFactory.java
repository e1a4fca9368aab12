package com.aiplatform.platform;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

/** Registered for the local platform, which discovers every app through this SPI. */
public final class PlatformAppFactory implements FunctionAppFactory {

    @Override
    public String name() {
        return PlatformApp.NAME;
    }

    @Override
    public FunctionApp create(Settings settings, HostServices host) {
        return PlatformApp.create(settings, host);
    }
}
