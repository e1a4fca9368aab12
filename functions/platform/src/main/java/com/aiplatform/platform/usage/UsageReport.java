package com.aiplatform.platform.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Token and USD totals of one tenant's usage in [from, to), grouped. */
public record UsageReport(String tenantId, String groupBy, Instant from, Instant to, List<Group> groups, Totals total) {

    public record Group(String key, Totals totals) {
    }

    public record Totals(long calls, long inputTokens, long outputTokens, BigDecimal costUsd) {

        static final Totals ZERO = new Totals(0, 0, 0, BigDecimal.ZERO);

        Totals plus(long input, long output, BigDecimal cost) {
            return new Totals(calls + 1, inputTokens + input, outputTokens + output, costUsd.add(cost));
        }
    }
}
