package com.aiplatform.shared.settings;

/**
 * The settings one part of an app reads (its own record, a storage connection, a model endpoint), read into a
 * {@link Settings.Reader} that collects their problems; see {@link Settings#validate(java.util.List)}.
 */
@FunctionalInterface
public interface SettingsGroup {

    void read(Settings.Reader read);
}
