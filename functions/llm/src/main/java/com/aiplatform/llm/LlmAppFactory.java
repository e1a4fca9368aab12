package com.aiplatform.llm;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

/** Registered for the local platform, which discovers every app through this SPI. */
public final class LlmAppFactory implements FunctionAppFactory {

    @Override
    public String name() {
        return LlmApp.NAME;
    }

    @Override
    public FunctionApp create(Settings settings, HostServices host) {
        return LlmApp.create(settings, host);
    }
}
