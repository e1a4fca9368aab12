package com.aiplatform.local;

import com.aiplatform.shared.settings.Settings;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the apps of one local platform call each other's APIs: for every hosted app, {@code <APP>_API_BASE_URL}
 * is the platform's own address and {@code <APP>_API_KEY} a key made for this run, unless set already.
 * The gateway admits a request carrying that key as an app-to-app call, as a function key is in Azure.
 */
final class AppLinks {

    private AppLinks() {
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Settings fill(Settings settings, List<String> appNames, String baseUrl, String key) {
        Map<String, String> links = new HashMap<>();
        for (String app : appNames) {
            String prefix = app.toUpperCase(Locale.ROOT);
            if (settings.get(prefix + "_API_BASE_URL").filter(v -> !v.isBlank()).isEmpty()) {
                links.put(prefix + "_API_BASE_URL", baseUrl);
                links.put(prefix + "_API_KEY", key);
            }
        }
        return settings.withOverrides(links);
    }
}
