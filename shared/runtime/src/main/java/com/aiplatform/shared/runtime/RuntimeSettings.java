package com.aiplatform.shared.runtime;

import com.aiplatform.shared.settings.Settings;

/**
 * The settings every app reads the same way: which LLM answers, where events go, and where usage
 * records are sent with which prices. One record so that the names cannot drift between apps.
 */
public record RuntimeSettings(LlmBackend llm, EventBackend events, String usageQueue, String modelPrices) {

    public enum LlmBackend { EXTRACTIVE, AZURE_OPENAI }

    public enum EventBackend { LOCAL, EVENTGRID, LOG }

    /** Whether no model answers ({@code LLM_PROVIDER=extractive}); {@link SharedAdapters#offlineOr} acts on it. */
    public boolean offline() {
        return llm == LlmBackend.EXTRACTIVE;
    }

    public static RuntimeSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        RuntimeSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static RuntimeSettings read(Settings.Reader read) {
        var result = new RuntimeSettings(
                read.choice("LLM_PROVIDER", LlmBackend.class, LlmBackend.EXTRACTIVE),
                read.choice("EVENT_PUBLISHER", EventBackend.class, EventBackend.LOCAL),
                read.string("USAGE_QUEUE", "usage-records"),
                read.string("MODEL_PRICES", ""));
        return result;
    }
}
