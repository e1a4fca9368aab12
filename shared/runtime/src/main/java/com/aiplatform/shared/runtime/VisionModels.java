package com.aiplatform.shared.runtime;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.settings.Settings;

import java.time.Clock;
import java.util.Optional;

/**
 * The vision model of the app that reads images (assistant): {@code ASSISTANT_VISION_DEPLOYMENT}, a vision-capable
 * chat deployment on the OpenAI settings' endpoint, with the image sent inline; unset, there is none and images are
 * answered from their OCR text and metadata. Apart from {@link SharedAdapters} so that only that app reads this
 * setting; the image goes over the JDK's HttpClient ({@link ModelClients}), so the app carries no openai-java.
 */
public final class VisionModels {

    private VisionModels() {
    }

    /**
     * Reads the deployment into {@code read} and, when one is named, the OpenAI settings it runs on: a missing
     * endpoint is named at start with the other problems, even when {@code LLM_PROVIDER} is offline.
     */
    public static Optional<String> read(Settings.Reader read) {
        Optional<String> deployment = read.optional("ASSISTANT_VISION_DEPLOYMENT");
        if (deployment.isPresent()) {
            OpenAiSettings.read(read);
        }
        return deployment;
    }

    /** Checks these settings into {@code read}, as a group of the app's validating pass. */
    public static void checkSettings(Settings.Reader read) {
        read(read);
    }

    /** The vision model the settings name, if any, behind the same retries and circuit breaker as the chat model. */
    public static Optional<LlmClient> fromSettings(Settings settings, Clock clock) {
        Settings.Reader read = settings.reader();
        Optional<String> deployment = read(read);
        read.validate();
        return deployment.map(name -> ModelClients.vision(OpenAiSettings.from(settings), name, clock));
    }
}
