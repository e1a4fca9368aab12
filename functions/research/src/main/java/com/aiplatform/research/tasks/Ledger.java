package com.aiplatform.research.tasks;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's model spending, one entry per model call attempt (key {@code plan#1}, {@code s02#1},
 * {@code synth#1}): first a reservation (the most the call can cost), then its settlement (what it did
 * cost). Keyed entries make settlement idempotent: the same call settled twice is counted once. A
 * reservation that is never settled (its worker died) stays counted, because the call may have been made.
 */
public record Ledger(Map<String, Entry> entries) {

    public record Entry(BigDecimal reservedUsd, BigDecimal costUsd, long inputTokens, long outputTokens,
                        boolean settled) {
    }

    public Ledger {
        entries = Map.copyOf(entries);
    }

    public static Ledger empty() {
        return new Ledger(Map.of());
    }

    /** Settled cost plus open reservations: what the budget must still cover. */
    public BigDecimal committedUsd() {
        return entries.values().stream().map(e -> e.settled() ? e.costUsd() : e.reservedUsd())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal costUsd() {
        return entries.values().stream().filter(Entry::settled).map(Entry::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal reservedUsd() {
        return entries.values().stream().filter(e -> !e.settled()).map(Entry::reservedUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long inputTokens() {
        return entries.values().stream().mapToLong(Entry::inputTokens).sum();
    }

    public long outputTokens() {
        return entries.values().stream().mapToLong(Entry::outputTokens).sum();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public boolean settled(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.settled();
    }

    public Ledger reserve(String key, BigDecimal amount) {
        var copy = new LinkedHashMap<>(entries);
        copy.put(key, new Entry(amount, BigDecimal.ZERO, 0, 0, false));
        return new Ledger(copy);
    }

    public Ledger settle(String key, BigDecimal cost, long inputTokens, long outputTokens) {
        var copy = new LinkedHashMap<>(entries);
        Entry reserved = entries.get(key);
        copy.put(key, new Entry(reserved == null ? BigDecimal.ZERO : reserved.reservedUsd(), cost, inputTokens,
                outputTokens, true));
        return new Ledger(copy);
    }
}
