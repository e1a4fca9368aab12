package com.aiplatform.assistant.extraction;

/** Optical character recognition: the text printed in an image. */
public interface OcrEngine {

    /** Whether the engine can run here (installed and configured); checked when asked, not at build time. */
    boolean available();

    /** The engine's name and version, for the record of how a file was read. */
    String name();

    /** The recognised text (possibly empty); {@link OcrFailedException} when the engine fails. */
    String recognise(byte[] image);

    /** The engine failed on this image (crashed, timed out, refused the format). */
    final class OcrFailedException extends RuntimeException {
        public OcrFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No OCR at all: images are answered from their metadata (or a vision model). */
    OcrEngine NONE = new OcrEngine() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String name() {
            return "none";
        }

        @Override
        public String recognise(byte[] image) {
            throw new OcrFailedException("OCR is turned off", null);
        }
    };
}
