package com.aiplatform.platform.consumers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Subscription keys: 256 random bits, shown once and stored only as their SHA-256. A fast hash is
 * enough for keys of this entropy (no dictionary to search), and it keeps a lookup to one table read.
 */
public final class SubscriptionKeys {

    private static final String PREFIX = "aip_";
    private final SecureRandom random = new SecureRandom();

    public String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String newKeyId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "k" + HexFormat.of().formatHex(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the text can be a key at all: a cheap check before any table read. */
    public static boolean plausible(String key) {
        return key != null && key.startsWith(PREFIX) && key.length() == PREFIX.length() + 43;
    }
}
