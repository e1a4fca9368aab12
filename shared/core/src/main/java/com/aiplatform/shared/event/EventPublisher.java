package com.aiplatform.shared.event;

/**
 * Broadcasts events to whoever subscribes (an Event Grid custom topic in Azure, the in-process bus
 * locally). Delivery is at least once, so subscribers must be idempotent on {@code id}.
 */
public interface EventPublisher {

    void publish(PlatformEvent event);
}
