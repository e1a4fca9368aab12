package com.aiplatform.shared.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one rule for budget reservation ids, used by the apps that make them and the platform app that
 * accepts them: 1-64 letters, digits or hyphens, so that an id is a safe Table row key and URL path segment.
 * A call that may be made again (a redelivered queue message) derives its id from what identifies the call,
 * so the repeat finds the first reservation instead of making a second one.
 */
public final class ReservationIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private ReservationIds() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * A deterministic id for the call named by {@code parts} (the same parts always give the same id, other
     * parts another): {@code prefix} then the first 40 hex digits of the SHA-256 of the parts.
     */
    public static String derive(String prefix, String... parts) {
        if (!VALID.matcher(prefix).matches() || prefix.length() > 20) {
            throw new IllegalArgumentException("A reservation id prefix is 1-20 letters, digits or hyphens: " + prefix);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return prefix + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
