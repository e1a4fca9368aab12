package com.aiplatform.assistant.answers;

import java.math.BigDecimal;
import java.util.List;

/**
 * An answer about one file. {@code path} says what it was answered from: {@code text} (a document's
 * passages), {@code vision} (a vision model looked at the image), {@code ocr} (text read from the image)
 * or {@code metadata} (the image's format, size and EXIF only). {@code generator} says what wrote it:
 * {@code model} or {@code extractive-offline}.
 */
public record FileAnswer(String fileId, String question, String answer, String path, String generator, String model,
                         List<Reference> references, Usage usage) {

    /** A numbered passage the answer cites; {@code page} is null for formats without pages. */
    public record Reference(int number, String kind, Integer page, Integer chunkIndex, String excerpt) {
    }

    public record Usage(long inputTokens, long outputTokens, BigDecimal costUsd) {
    }
}
