package com.aiplatform.local.hostjson;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the .NET TimeSpan notation that host.json uses ({@code [d.]hh:mm:ss[.fffffff]}), so that the
 * local platform reads the same file the Functions host reads.
 */
public final class TimeSpan {

    private static final Pattern FORMAT =
            Pattern.compile("^(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,7}))?$");

    private TimeSpan() {
    }

    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a TimeSpan such as 00:00:02 or 1.00:00:00");
        }
        Duration duration = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)));
        if (m.group(5) != null) {
            String ticks = (m.group(5) + "0000000").substring(0, 7);
            duration = duration.plusNanos(Long.parseLong(ticks) * 100);
        }
        return duration;
    }
}
