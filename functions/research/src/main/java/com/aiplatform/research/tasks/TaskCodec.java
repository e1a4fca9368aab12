package com.aiplatform.research.tasks;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Converts a {@link Task} to and from its Table row. Long JSON values are split over several properties. */
final class TaskCodec {

    /** Table storage caps a string property at 64 KiB of UTF-16, i.e. 32K characters. */
    private static final int MAX_CHARS = 30_000;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<TaskEvent>> EVENTS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Ledger.Entry>> ENTRIES = new TypeReference<>() { };

    private TaskCodec() {
    }

    static TableEntity toEntity(Task task) {
        Map<String, Object> p = new HashMap<>();
        p.put("consumerId", task.owner().consumerId());
        p.put("roles", String.join(",", task.owner().roles()));
        p.put("groups", String.join(",", task.owner().groups()));
        putLarge(p, "question", task.question());
        p.put("maxSubquestions", task.limits().maxSubquestions());
        p.put("maxCostUsd", task.limits().maxCostUsd().toPlainString());
        p.put("maxDurationSeconds", task.limits().maxDurationSeconds());
        p.put("createdAt", task.createdAt());
        put(p, "traceparent", task.traceparent());
        p.put("status", task.status().wire());
        put(p, "reason", task.reason());
        put(p, "planner", task.planner());
        putLarge(p, "subQuestions", Json.write(task.subQuestions()));
        p.put("stepStates", task.stepStates());
        p.put("phaseSince", task.phaseSince());
        p.put("nextQueued", task.nextQueued());
        put(p, "claimUntil", task.claimUntil());
        p.put("claimAttempt", task.claimAttempt());
        putLarge(p, "ledger", Json.write(task.ledger().entries()));
        putLarge(p, "events", Json.write(task.events()));
        put(p, "lastError", task.lastError() == null ? null : cut(task.lastError(), 2000));
        p.put("updatedAt", task.updatedAt());
        put(p, "completedAt", task.completedAt());
        put(p, "reportPath", task.reportPath());
        return new TableEntity(task.key().tenant().value(), task.key().id(), p, task.etag());
    }

    private static Set<String> names(TableEntity e, String property) {
        return Arrays.stream(e.string(property).orElse("").split(","))
                .filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    static Task fromEntity(TableEntity e) {
        var limits = new TaskLimits(integer(e, "maxSubquestions"), new BigDecimal(e.string("maxCostUsd").orElse("0")),
                integer(e, "maxDurationSeconds"));
        Set<String> roles = Arrays.stream(e.string("roles").orElse("").split(","))
                .filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
        return new Task(new TaskKey(TenantId.of(e.partitionKey()), e.rowKey()),
                new Task.Owner(e.string("consumerId").orElse(""), roles, names(e, "groups")), getLarge(e, "question"),
                limits,
                instant(e, "createdAt"), e.string("traceparent").orElse(null),
                TaskStatus.fromWire(e.string("status").orElse("")).orElseThrow(), e.string("reason").orElse(null),
                e.string("planner").orElse(null), read(getLarge(e, "subQuestions"), STRINGS),
                e.string("stepStates").orElse(""), instant(e, "phaseSince"),
                Boolean.TRUE.equals(e.properties().get("nextQueued")), instant(e, "claimUntil"),
                integer(e, "claimAttempt"), new Ledger(read(getLarge(e, "ledger"), ENTRIES)),
                read(getLarge(e, "events"), EVENTS), e.string("lastError").orElse(null), instant(e, "updatedAt"),
                instant(e, "completedAt"), e.string("reportPath").orElse(null), e.etag());
    }

    private static void put(Map<String, Object> p, String name, Object value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    static void putLarge(Map<String, Object> p, String name, String value) {
        for (int part = 0, from = 0; from < value.length() || part == 0; part++, from += MAX_CHARS) {
            p.put(part == 0 ? name : name + "_" + part, value.substring(from, Math.min(value.length(), from + MAX_CHARS)));
        }
    }

    static String getLarge(TableEntity e, String name) {
        StringBuilder value = new StringBuilder(e.string(name).orElse(""));
        for (int part = 1; e.properties().containsKey(name + "_" + part); part++) {
            value.append(e.string(name + "_" + part).orElse(""));
        }
        return value.toString();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json.isEmpty() ? "[]" : json, type);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Corrupt task row: " + ex.getOriginalMessage(), ex);
        }
    }

    private static int integer(TableEntity e, String name) {
        return (int) e.longValue(name, 0);
    }

    static Instant instant(TableEntity e, String name) {
        Object value = e.properties().get(name);
        if (value instanceof Instant instant) {
            return instant;
        }
        return value == null ? null : Instant.parse(value.toString());
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
