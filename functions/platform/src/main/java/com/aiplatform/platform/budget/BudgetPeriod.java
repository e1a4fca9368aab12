package com.aiplatform.platform.budget;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How long a budget lasts before its counters start again (UTC calendar days or months). */
public enum BudgetPeriod {
    DAY(DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)),
    MONTH(DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC));

    private final DateTimeFormatter format;

    BudgetPeriod(DateTimeFormatter format) {
        this.format = format;
    }

    /** The key of the period that {@code now} falls in, e.g. {@code 2026-11}. */
    public String keyAt(Instant now) {
        return format.format(now);
    }
}
