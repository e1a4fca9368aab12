package com.aiplatform.shared.llm;

import java.util.Base64;
import java.util.Objects;

/**
 * An image sent with a user message to a vision-capable model, by value (a {@code data:} URL on the
 * wire). {@code mediaType} is the image's type as detected from its bytes, such as {@code image/png}.
 */
public record ImagePart(String mediaType, byte[] data) {

    public ImagePart {
        Objects.requireNonNull(mediaType, "mediaType");
        if (!mediaType.startsWith("image/")) {
            throw new IllegalArgumentException("An image part needs an image/* media type, not " + mediaType);
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("An image part needs the image's bytes");
        }
    }

    /** The image as an RFC 2397 data URL, the form chat completion APIs accept for inline images. */
    public String dataUrl() {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(data);
    }
}
