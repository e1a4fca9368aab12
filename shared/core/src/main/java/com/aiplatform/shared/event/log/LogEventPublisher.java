package com.aiplatform.shared.event.log;

import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to the log instead of broadcasting them: for running one app under Core Tools
 * without an Event Grid topic or the local platform's bus. Nobody receives them.
 */
public final class LogEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(LogEventPublisher.class);

    @Override
    public void publish(PlatformEvent event) {
        LOG.info("Event (not broadcast, EVENT_PUBLISHER=log): {}", CloudEventJson.toJson(event));
    }
}
