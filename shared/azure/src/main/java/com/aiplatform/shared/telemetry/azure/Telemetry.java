package com.aiplatform.shared.telemetry.azure;

import com.aiplatform.shared.settings.Settings;
import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigure;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry for one process. With {@value #CONNECTION_STRING} set, traces, metrics and logs go to
 * Application Insights through {@code azure-monitor-opentelemetry-autoconfigure}; without it the API
 * stays a no-op and the app only logs. Configure once in the composition root and close on shutdown.
 */
public final class Telemetry implements AutoCloseable {

    public static final String CONNECTION_STRING = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    /** The service name shown in Application Insights; Azure sets {@code WEBSITE_SITE_NAME} to the app's name. */
    public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    private static final String SITE_NAME = "WEBSITE_SITE_NAME";

    private final OpenTelemetry openTelemetry;
    private final Optional<OpenTelemetrySdk> sdk;

    private Telemetry(OpenTelemetry openTelemetry, Optional<OpenTelemetrySdk> sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    public static Telemetry configure(Settings settings) {
        Optional<String> connectionString = settings.get(CONNECTION_STRING);
        if (connectionString.isEmpty()) {
            return new Telemetry(OpenTelemetry.noop(), Optional.empty());
        }
        Map<String, String> properties = new HashMap<>();
        settings.get(SERVICE_NAME).or(() -> settings.get(SITE_NAME))
                .ifPresent(name -> properties.put("otel.service.name", name));
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties);
        AzureMonitorAutoConfigure.customize(builder, connectionString.get());
        OpenTelemetrySdk built = builder.build().getOpenTelemetrySdk();
        return new Telemetry(built, Optional.of(built));
    }

    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Whether telemetry leaves the process (a connection string was set). */
    public boolean exporting() {
        return sdk.isPresent();
    }

    /** Flushes what is buffered, waiting at most a few seconds so that shutdown is not held up. */
    @Override
    public void close() {
        sdk.ifPresent(s -> s.shutdown().join(5, TimeUnit.SECONDS));
    }
}
