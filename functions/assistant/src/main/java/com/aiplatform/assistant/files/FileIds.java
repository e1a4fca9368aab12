package com.aiplatform.assistant.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File ids are the first 128 bits of a SHA-256, in hex: of the content for API uploads (the same
 * bytes twice are the same file, so uploads are idempotent), of the blob name and ETag for files
 * announced by Event Grid (a redelivered event names the same file).
 */
public final class FileIds {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");

    private FileIds() {
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String ofContentHash(String sha256) {
        return sha256.substring(0, 32);
    }

    public static String ofBlob(String blobName, String etag) {
        return sha256((blobName + "\n" + etag).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    /** Whether {@code id} can name a file at all; anything else is answered like an unknown id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
