package com.aiplatform.local.invoke;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C trace context for one hop: an incoming {@code traceparent} is continued (same trace id and
 * flags, a new span id); without a valid one a new sampled trace starts, as the Functions host does.
 */
public final class TraceParent {

    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {
    }

    /** A child of {@code incoming} (null or malformed starts a new trace). */
    public static String continueFrom(String incoming) {
        Matcher m = incoming == null ? null : FORMAT.matcher(incoming.trim());
        if (m != null && m.matches() && !m.group(1).matches("0+") && !m.group(2).matches("0+")) {
            return "00-" + m.group(1) + "-" + hex(8) + "-" + m.group(3);
        }
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        random[0] |= 1; // an all-zero id is invalid in W3C trace context
        return HexFormat.of().formatHex(random);
    }
}
