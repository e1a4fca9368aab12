package com.aiplatform.platform;

import com.aiplatform.platform.health.AppEndpoint;
import com.aiplatform.shared.settings.Settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The platform app's settings, read once. The apps whose health it aggregates are listed in
 * {@code PLATFORM_HEALTH_APPS}; each one's address and key come from {@code <APP>_API_BASE_URL} and
 * {@code <APP>_API_KEY}, the same settings every app-to-app client reads.
 */
public record PlatformSettings(String consumersTable, String keysTable, String budgetsTable, String usageTable,
                               String auditTable, List<AppEndpoint> healthApps, Duration healthTimeout,
                               String eventDeadLetterContainer) {

    /** Where Event Grid dead-letters events (main.bicep's deadLetterContainer); the local event bus writes there too. */
    public static final String EVENT_DEADLETTER_CONTAINER = "EVENTGRID_DEADLETTER_CONTAINER";
    public static final String DEFAULT_EVENT_DEADLETTER_CONTAINER = "eventgrid-deadletter";

    public static PlatformSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        PlatformSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static PlatformSettings read(Settings.Reader read) {
        List<AppEndpoint> apps = Arrays.stream(read.string("PLATFORM_HEALTH_APPS", "knowledge,agent,research,assistant,llm")
                        .split(","))
                .map(String::trim).filter(a -> !a.isEmpty())
                .map(app -> {
                    String prefix = app.toUpperCase(Locale.ROOT);
                    return new AppEndpoint(app, read.optional(prefix + "_API_BASE_URL"),
                            read.optional(prefix + "_API_KEY").orElse(""));
                }).toList();
        var result = new PlatformSettings(
                read.string("PLATFORM_CONSUMERS_TABLE", "platformconsumers"),
                read.string("PLATFORM_KEYS_TABLE", "platformkeys"),
                read.string("PLATFORM_BUDGETS_TABLE", "platformbudgets"),
                read.string("PLATFORM_USAGE_TABLE", "platformusage"),
                read.string("PLATFORM_AUDIT_TABLE", "platformaudit"),
                apps,
                read.duration("PLATFORM_HEALTH_TIMEOUT", Duration.ofSeconds(5)),
                read.string(EVENT_DEADLETTER_CONTAINER, DEFAULT_EVENT_DEADLETTER_CONTAINER));
        return result;
    }
}
