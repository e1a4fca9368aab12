package com.aiplatform.shared.function;

import com.aiplatform.shared.event.EventPublisher;

import java.time.Clock;
import java.util.Optional;

/**
 * What the hosting process offers an app beyond its settings. In Azure there is nothing extra; the
 * local platform offers its in-process event bus, which apps use instead of Event Grid.
 */
public record HostServices(Optional<EventPublisher> inProcessEvents, Clock clock) {

    public static HostServices azure() {
        return new HostServices(Optional.empty(), Clock.systemUTC());
    }
}
