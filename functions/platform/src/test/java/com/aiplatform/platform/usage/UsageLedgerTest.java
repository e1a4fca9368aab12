package com.aiplatform.platform.usage;

import com.aiplatform.platform.Callers;
import com.aiplatform.platform.api.UsageFunctions;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final UsageLedger ledger = new UsageLedger(new InMemoryTableStore(), "usage");
    private final UsageQuery query = new UsageQuery(ledger, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UsageFunctions functions = new UsageFunctions(ledger, query);

    @Test
    void should_count_a_record_once_when_the_queue_delivers_it_twice() {
        String message = Json.write(record("r1", "alice", "agent", "gpt-4o-mini", "conv-1", 100, 20, "0.01"));

        functions.record(message, null);
        functions.record(message, null);
        functions.record(Json.write(record("r2", "alice", "agent", "gpt-4o-mini", "conv-1", 50, 10, "0.005")), null);

        UsageReport report = query.report(Callers.admin("acme"), Map.of("groupBy", "conversation"));
        assertThat(report.total().calls()).isEqualTo(2);
        assertThat(report.total().inputTokens()).isEqualTo(150);
        assertThat(report.total().costUsd()).isEqualByComparingTo("0.015");
        assertThat(report.groups()).singleElement().satisfies(g -> assertThat(g.key()).isEqualTo("conv-1"));
    }

    @Test
    void should_group_by_each_dimension_within_the_window() {
        ledger.write(record("a", "alice", "knowledge", "m1", "doc-1", 10, 1, "0.1"));
        ledger.write(record("b", "bob", "research", "m2", "task-9", 20, 2, "0.2"));
        ledger.write(new UsageRecord("old", NOW.minusSeconds(86_400 * 60), "acme", "bob", "research", "x", "m2", 5, 5,
                BigDecimal.ONE, null, "task-9"));

        var admin = Callers.admin("acme");
        assertThat(query.report(admin, Map.of("groupBy", "consumer")).groups()).extracting(UsageReport.Group::key)
                .containsExactly("alice", "bob");
        assertThat(query.report(admin, Map.of("groupBy", "model")).groups()).extracting(UsageReport.Group::key)
                .containsExactly("m1", "m2");
        assertThat(query.report(admin, Map.of("groupBy", "task")).groups()).extracting(UsageReport.Group::key)
                .containsExactly("task-9");
        assertThat(query.report(admin, Map.of("groupBy", "app", "from", "2026-01-01T00:00:00Z")).total().calls())
                .isEqualTo(3);
        assertThat(query.report(Callers.consumer("alice", "acme"), Map.of("groupBy", "tenant")).total().calls())
                .isEqualTo(1);
        assertThat(query.report(Callers.admin("globex"), Map.of()).total().calls()).isZero();
    }

    @Test
    void should_refuse_an_unknown_grouping_or_a_malformed_time() {
        assertThatThrownBy(() -> query.report(Callers.admin("acme"), Map.of("groupBy", "colour")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> query.report(Callers.admin("acme"), Map.of("from", "yesterday")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static UsageRecord record(String id, String consumer, String app, String model, String correlation,
                                      long in, long out, String cost) {
        return new UsageRecord(id, NOW.minusSeconds(60), "acme", consumer, app, "ask", model, in, out,
                new BigDecimal(cost), "trace", correlation);
    }
}
