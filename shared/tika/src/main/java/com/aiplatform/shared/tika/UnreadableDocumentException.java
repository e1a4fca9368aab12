package com.aiplatform.shared.tika;

/**
 * A document that cannot be read, and why. The bytes are the caller's and no retry reads them better, so each
 * app answers with a 4xx problem of its own contract ({@code reason} decides which).
 */
public final class UnreadableDocumentException extends RuntimeException {

    /** Why: more text than the limit, a container that inflates too much, or bytes no parser can read. */
    public enum Reason { TOO_MUCH_TEXT, DECOMPRESSION_BOMB, CORRUPT }

    private final Reason reason;
    private final String mediaType;
    private final int maxCharacters;

    UnreadableDocumentException(Reason reason, String mediaType, int maxCharacters, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.mediaType = mediaType;
        this.maxCharacters = maxCharacters;
    }

    public Reason reason() {
        return reason;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The text limit the reader had, for {@link Reason#TOO_MUCH_TEXT}. */
    public int maxCharacters() {
        return maxCharacters;
    }
}
