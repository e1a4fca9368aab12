package com.aiplatform.shared.knowledge.http;

import com.aiplatform.shared.settings.Settings;

import java.time.Duration;

/**
 * Where the knowledge app's API is and how to call it: {@code KNOWLEDGE_API_BASE_URL} (the function
 * app's address; the local platform sets its own), {@code KNOWLEDGE_API_KEY} (the knowledge app's
 * function key, a Key Vault reference in Azure) and {@code KNOWLEDGE_API_TIMEOUT}.
 */
public record KnowledgeApiSettings(String baseUrl, String functionKey, Duration timeout) {

    public static KnowledgeApiSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        KnowledgeApiSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static KnowledgeApiSettings read(Settings.Reader read) {
        var result = new KnowledgeApiSettings(read.required("KNOWLEDGE_API_BASE_URL"),
                read.optional("KNOWLEDGE_API_KEY").orElse(""),
                read.duration("KNOWLEDGE_API_TIMEOUT", Duration.ofSeconds(10)));
        return result;
    }
}
