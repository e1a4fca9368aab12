package com.aiplatform.local.sample;

import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import java.time.Clock;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.event.EventDeadLetters;

import java.util.Map;
import java.util.Set;

/** A local platform hosting only the sample app, on a free port, with nothing kept. */
public final class SamplePlatform {

    public static final String QUEUE = "sample-work";

    private SamplePlatform() {
    }

    /**
     * No Azurite: the sample app does not touch storage and its queue trigger polls an in-memory queue,
     * so the tests stay fast. LocalPlatformAzuriteQueueTest runs the queue semantics on Azurite.
     */
    public static LocalPlatform.Builder builder() {
        return LocalPlatform.builder()
                .port(0)
                .inMemory()
                .storageConnectionString("UseDevelopmentStorage=true")
                .workQueue(settings -> new InMemoryWorkQueue(Clock.systemUTC()))
                .eventDeadLetters(settings -> EventDeadLetters.NONE)
                .environment(Map.of())
                .apps(Set.of("sample"))
                .gateway(new FixedIdentity())
                .settings(Map.of("SAMPLE_QUEUE", QUEUE));
    }

    public static SampleApp app(RunningPlatform platform) {
        return (SampleApp) platform.apps().get(0).app();
    }
}
