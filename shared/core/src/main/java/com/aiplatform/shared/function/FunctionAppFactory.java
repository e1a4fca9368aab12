package com.aiplatform.shared.function;

import com.aiplatform.shared.settings.Settings;

/**
 * Creates a {@link FunctionApp} from settings. Registered in
 * {@code META-INF/services/com.aiplatform.shared.function.FunctionAppFactory} so that the local
 * platform finds every app on its class path.
 */
public interface FunctionAppFactory {

    String name();

    FunctionApp create(Settings settings, HostServices host);
}
