package com.aiplatform.local.event;

import com.aiplatform.shared.event.PlatformEvent;

/** Receives events from the {@link LocalEventBus}; throwing asks for a redelivery. */
@FunctionalInterface
public interface EventSubscriber {

    void onEvent(PlatformEvent event) throws Exception;
}
