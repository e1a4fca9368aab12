package com.aiplatform.assistant.extraction;

import com.aiplatform.shared.health.HealthCheck;

/**
 * The OCR entry of the assistant's health: the engine's version when it runs, otherwise {@code unavailable}
 * with what images are read by instead. Optional, because the app answers images without OCR; but a missing
 * engine is reported rather than turned off silently (Flex Consumption has no OS packages, so Tesseract
 * never runs there and images are read by the vision deployment).
 */
public final class OcrHealth {

    private OcrHealth() {
    }

    public static HealthCheck check(OcrEngine ocr, String command, boolean visionConfigured) {
        return HealthCheck.optional("ocr", () -> {
            if (ocr.available()) {
                return ocr.name();
            }
            String why = command.isBlank() ? "ASSISTANT_OCR_COMMAND is empty"
                    : "'" + command + "' cannot run here (not installed, or no OS packages as on Flex Consumption)";
            throw new OcrUnavailableException(why + "; images are read from their metadata"
                    + (visionConfigured ? " and by the vision deployment" : " only (no ASSISTANT_VISION_DEPLOYMENT)"));
        });
    }

    /** Why OCR does not run here. */
    static final class OcrUnavailableException extends RuntimeException {
        OcrUnavailableException(String message) {
            super(message);
        }
    }
}
