package com.aiplatform.local.discovery;

import com.aiplatform.shared.settings.Settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code %SETTING_NAME%} references in binding properties from settings, as the Functions host does. */
final class SettingReferences {

    private static final Pattern REFERENCE = Pattern.compile("%([^%]+)%");

    private SettingReferences() {
    }

    static String resolve(String value, Settings settings, String where) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String setting = settings.get(key).orElseThrow(() -> new IllegalStateException(
                    where + " refers to %" + key + "% but the setting " + key + " is not set"));
            m.appendReplacement(resolved, Matcher.quoteReplacement(setting));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }
}
