package com.aiplatform.shared.runtime;

import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.eventgrid.EventGridEventPublisher;
import com.aiplatform.shared.event.log.LogEventPublisher;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

/**
 * The event publisher {@code EVENT_PUBLISHER} selects. Apart from {@link SharedAdapters} so that an app that
 * publishes events but calls no model (the platform app) does not reach, and need settings for, the LLM clients.
 */
public final class EventPublishers {

    private EventPublishers() {
    }

    /** Event Grid in Azure, the local platform's bus locally, or the log (Core Tools without a topic). */
    public static EventPublisher from(RuntimeSettings runtime, Settings settings, HostServices host) {
        return switch (runtime.events()) {
            case EVENTGRID -> EventGridEventPublisher.fromSettings(settings);
            case LOG -> new LogEventPublisher();
            case LOCAL -> host.inProcessEvents().orElseThrow(() -> new IllegalStateException(
                    "EVENT_PUBLISHER=local needs the local platform's event bus; "
                            + "under Core Tools set EVENT_PUBLISHER=log or eventgrid"));
        };
    }
}
