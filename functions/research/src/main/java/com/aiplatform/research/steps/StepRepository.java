package com.aiplatform.research.steps;

import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step rows in Table storage. All steps of a task share one partition ({@code <tenant>~<taskId>}, so the
 * tenant still leads every key), which lets the planner create them in one atomic batch.
 */
public final class StepRepository {

    private static final TypeReference<List<SourceRef>> SOURCES = new TypeReference<>() { };

    private final TableStore tables;
    private final String table;

    public StepRepository(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    static String partition(TaskKey task) {
        return task.tenant().value() + "~" + task.id();
    }

    static String row(int index) {
        return String.format("s%03d", index);
    }

    public Optional<Step> get(TaskKey task, int index) {
        return tables.get(table, partition(task), row(index)).map(e -> fromEntity(task, e));
    }

    public List<Step> list(TaskKey task) {
        return tables.list(table, partition(task)).stream().map(e -> fromEntity(task, e)).toList();
    }

    /** Creates the pending steps of a plan in one batch; steps that exist already are kept as they are. */
    public void createAll(TaskKey task, List<String> questions) {
        Map<Integer, Step> existing = new HashMap<>();
        list(task).forEach(s -> existing.put(s.index(), s));
        List<TableOperation> missing = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (!existing.containsKey(i)) {
                missing.add(new TableOperation.Upsert(toEntity(Step.pending(task, i, questions.get(i)))));
            }
        }
        if (!missing.isEmpty()) {
            tables.transact(table, missing);
        }
    }

    /** Writes the step if its row is unchanged since it was read; {@code ConcurrencyException} if not. */
    public Step replace(Step step) {
        return fromEntity(step.task(), tables.replace(table, toEntity(step)));
    }

    private static TableEntity toEntity(Step s) {
        Map<String, Object> p = new HashMap<>();
        p.put("question", s.question());
        p.put("state", s.state().name());
        p.put("attempts", s.attempts());
        put(p, "claimUntil", s.claimUntil());
        put(p, "finding", s.finding());
        p.put("sources", Json.write(s.sources()));
        put(p, "evidence", s.evidence());
        put(p, "generator", s.generator());
        p.put("inputTokens", s.inputTokens());
        p.put("outputTokens", s.outputTokens());
        p.put("costUsd", s.costUsd().toPlainString());
        put(p, "error", s.error() == null ? null : s.error().substring(0, Math.min(2000, s.error().length())));
        p.put("timings", Json.write(s.timings()));
        put(p, "startedAt", s.startedAt());
        put(p, "finishedAt", s.finishedAt());
        return new TableEntity(partition(s.task()), row(s.index()), p, s.etag());
    }

    private static Step fromEntity(TaskKey task, TableEntity e) {
        try {
            return new Step(task, Integer.parseInt(e.rowKey().substring(1)), e.string("question").orElse(""),
                    StepState.valueOf(e.string("state").orElseThrow()), (int) e.longValue("attempts", 0),
                    instant(e, "claimUntil"), e.string("finding").orElse(null),
                    Json.mapper().readValue(e.string("sources").orElse("[]"), SOURCES),
                    e.string("evidence").orElse(null), e.string("generator").orElse(null),
                    e.longValue("inputTokens", 0), e.longValue("outputTokens", 0),
                    new BigDecimal(e.string("costUsd").orElse("0")), e.string("error").orElse(null),
                    Json.mapper().readValue(e.string("timings").orElse("{}"), StepTimings.class),
                    instant(e, "startedAt"), instant(e, "finishedAt"), e.etag());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Corrupt step row " + e.rowKey() + " of " + task, ex);
        }
    }

    private static void put(Map<String, Object> p, String name, Object value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    private static Instant instant(TableEntity e, String name) {
        Object value = e.properties().get(name);
        if (value instanceof Instant instant) {
            return instant;
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
