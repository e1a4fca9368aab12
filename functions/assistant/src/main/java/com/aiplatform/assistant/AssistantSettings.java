package com.aiplatform.assistant;

import com.aiplatform.shared.settings.Settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The assistant app's settings, read once at start-up. Names are spelled the same in
 * local.settings.sample.json and the README. LLM, events and usage are read by
 * {@link com.aiplatform.shared.runtime.RuntimeSettings}; the knowledge API by
 * {@link com.aiplatform.shared.knowledge.http.KnowledgeApiSettings}; the vision model
 * ({@code ASSISTANT_VISION_DEPLOYMENT}) by {@link com.aiplatform.shared.runtime.VisionModels}.
 *
 * <ul>
 *   <li>{@code ASSISTANT_OCR_COMMAND}: the Tesseract executable, used when it runs; empty turns OCR off.</li>
 *   <li>{@code ASSISTANT_SCRATCH_DIR}: where Tika may spill a file while parsing; emptied after every parse.</li>
 * </ul>
 */
public record AssistantSettings(String filesContainer, String filesTable, String extractionQueue, long maxFileBytes,
                                long maxImagePixels, int maxTextCharacters,
                                String ocrCommand, Duration ocrTimeout, Path scratchDir) {

    public static AssistantSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        AssistantSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static AssistantSettings read(Settings.Reader read) {
        Path dataDir = Path.of(read.string("DATA_DIR", ".data"));
        var result = new AssistantSettings(
                read.string("ASSISTANT_FILES_CONTAINER", "assistant-files"),
                read.string("ASSISTANT_FILES_TABLE", "assistantfiles"),
                read.string("ASSISTANT_EXTRACTION_QUEUE", "assistant-extractions"),
                read.longValue("ASSISTANT_MAX_FILE_BYTES", 25L * 1024 * 1024),
                read.longValue("ASSISTANT_MAX_IMAGE_PIXELS", 50_000_000L),
                read.integer("ASSISTANT_MAX_TEXT_CHARACTERS", 5_000_000),
                read.string("ASSISTANT_OCR_COMMAND", "tesseract"),
                read.duration("ASSISTANT_OCR_TIMEOUT", Duration.ofSeconds(30)),
                Path.of(read.string("ASSISTANT_SCRATCH_DIR", dataDir.resolve("assistant/scratch").toString())));
        return result;
    }
}
