package com.aiplatform.shared.settings;

import java.util.List;

/** Thrown at start-up when settings are missing or malformed; the message names every one of them. */
public final class MissingSettingsException extends IllegalStateException {

    private final List<String> problems;

    public MissingSettingsException(List<String> problems) {
        super("Settings are missing or invalid: " + String.join("; ", problems)
                + " (see local.settings.sample.json for every setting and its local default)");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
