package com.aiplatform.shared.health;

/**
 * One dependency's check: a name and a probe that throws or returns a detail. A required check that throws
 * makes the app {@code down}; an optional one (a feature the app can do without, such as OCR) is reported
 * {@code unavailable} and the app stays up, so that health says what is missing instead of hiding it.
 */
public record HealthCheck(String name, Probe probe, boolean required) {

    public HealthCheck(String name, Probe probe) {
        this(name, probe, true);
    }

    /** A feature the app works without: its failure is reported as {@code unavailable}, not as the app down. */
    public static HealthCheck optional(String name, Probe probe) {
        return new HealthCheck(name, probe, false);
    }

    @FunctionalInterface
    public interface Probe {
        String run();
    }
}
