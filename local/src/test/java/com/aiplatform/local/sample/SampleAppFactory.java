package com.aiplatform.local.sample;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

public final class SampleAppFactory implements FunctionAppFactory {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public FunctionApp create(Settings settings, HostServices host) {
        return new SampleApp(settings, host);
    }
}
