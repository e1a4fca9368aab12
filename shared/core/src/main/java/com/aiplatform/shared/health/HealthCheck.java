package com.aiplatform.shared.health;

/** One dependency's check: a name and a probe that throws or returns a detail. */
public record HealthCheck(String name, Probe probe) {

    @FunctionalInterface
    public interface Probe {
        String run();
    }
}
