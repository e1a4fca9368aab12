package com.aiplatform.platform.usage;

import com.aiplatform.platform.access.Access;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.UsageRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Usage totals grouped by consumer, tenant, app, model, conversation (the agent's correlation id) or
 * task (research's). An admin sees the tenant; anyone else only their own consumer's usage.
 */
public final class UsageQuery {

    public static final List<String> GROUPS = List.of("consumer", "tenant", "app", "model", "conversation", "task");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final UsageLedger ledger;
    private final Clock clock;

    public UsageQuery(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public UsageReport report(Caller caller, Map<String, String> query) {
        String groupBy = query.getOrDefault("groupBy", "consumer").toLowerCase(Locale.ROOT);
        if (!GROUPS.contains(groupBy)) {
            throw ProblemException.validation("The query is not valid", List.of("groupBy must be one of " + GROUPS));
        }
        Instant to = instant(query.get("to"), "to", clock.instant());
        Instant from = instant(query.get("from"), "from", to.minus(DEFAULT_WINDOW));
        if (!from.isBefore(to)) {
            throw ProblemException.validation("The query is not valid", List.of("from must be before to"));
        }
        boolean admin = caller.hasRole(Access.ADMIN) || caller.hasRole(Access.PLATFORM_ADMIN);
        TenantId tenant = admin ? Access.tenantFor(caller, query.get("tenantId")) : caller.tenant();
        Function<UsageRecord, String> key = key(groupBy);
        Map<String, UsageReport.Totals> groups = new TreeMap<>();
        UsageReport.Totals total = UsageReport.Totals.ZERO;
        for (UsageRecord r : ledger.read(tenant, from, to)) {
            if (!admin && !caller.consumerId().equals(r.consumerId())) {
                continue;
            }
            String group = key.apply(r);
            if (group == null) {
                continue;
            }
            groups.merge(group, UsageReport.Totals.ZERO.plus(r.inputTokens(), r.outputTokens(), r.costUsd()),
                    (a, b) -> new UsageReport.Totals(a.calls() + b.calls(), a.inputTokens() + b.inputTokens(),
                            a.outputTokens() + b.outputTokens(), a.costUsd().add(b.costUsd())));
            total = total.plus(r.inputTokens(), r.outputTokens(), r.costUsd());
        }
        return new UsageReport(tenant.value(), groupBy, from, to, groups.entrySet().stream()
                .map(e -> new UsageReport.Group(e.getKey(), e.getValue())).toList(), total);
    }

    private static Function<UsageRecord, String> key(String groupBy) {
        return switch (groupBy) {
            case "tenant" -> UsageRecord::tenantId;
            case "app" -> UsageRecord::app;
            case "model" -> UsageRecord::model;
            case "conversation" -> r -> "agent".equals(r.app()) ? r.correlationId() : null;
            case "task" -> r -> "research".equals(r.app()) ? r.correlationId() : null;
            default -> UsageRecord::consumerId;
        };
    }

    private static Instant instant(String value, String name, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation("The query is not valid",
                    List.of(name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
        }
    }
}
