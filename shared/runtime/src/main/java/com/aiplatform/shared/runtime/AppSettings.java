package com.aiplatform.shared.runtime;

import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.event.eventgrid.EventGridEventPublisher;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.settings.SettingsGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * The one validating pass over an app's settings, run first by every composition root: the app's own record,
 * the groups every app shares, and those of the parts it uses, all read by one reader, so that a misconfigured
 * app names every problem at once instead of one group per start.
 */
public final class AppSettings {

    /**
     * What every app reads: the runtime choices, the storage connection, and Event Grid when {@code EVENT_PUBLISHER}
     * names it. The groups of the parts only some apps use live beside those parts ({@link SharedAdapters#SETTINGS},
     * {@link Embedders#checkSettings}), so that an app names, and is checked for, only what it uses.
     */
    public static final SettingsGroup SHARED = read -> {
        RuntimeSettings runtime = RuntimeSettings.read(read);
        AzureStorageClients.checkSettings(read, AzureStorageClients.DEFAULT_CONNECTION);
        if (runtime.events() == RuntimeSettings.EventBackend.EVENTGRID) {
            EventGridEventPublisher.checkSettings(read);
        }
    };

    private AppSettings() {
    }

    /**
     * Reads {@link #SHARED} and {@code groups}; throws one {@link MissingSettingsException} naming every problem.
     */
    public static void check(Settings settings, SettingsGroup... groups) {
        List<SettingsGroup> all = new ArrayList<>(List.of(groups));
        all.add(SHARED);
        settings.validate(all);
    }
}
