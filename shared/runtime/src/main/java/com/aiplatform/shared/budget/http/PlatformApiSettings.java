package com.aiplatform.shared.budget.http;

import com.aiplatform.shared.settings.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the platform app's API is: {@code PLATFORM_API_BASE_URL} (the local platform sets its own
 * address), {@code PLATFORM_API_KEY} (the platform app's function key) and {@code PLATFORM_API_TIMEOUT}.
 * Without a base URL no budget is enforced (an app run alone).
 */
public record PlatformApiSettings(Optional<String> baseUrl, String functionKey, Duration timeout) {

    public static PlatformApiSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        PlatformApiSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static PlatformApiSettings read(Settings.Reader read) {
        var result = new PlatformApiSettings(read.optional("PLATFORM_API_BASE_URL"),
                read.optional("PLATFORM_API_KEY").orElse(""),
                read.duration("PLATFORM_API_TIMEOUT", Duration.ofSeconds(5)));
        return result;
    }
}
